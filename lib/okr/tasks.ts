// Counts a Markdown task list the way GitLab does for `taskCompletionStatus`, for linked issues
// whose description is read as plain text (a query may not reach their description widget: see
// lib/gitlab/documents.ts). GitLab's rule is `Taskable::ITEM_PATTERN`
// (app/models/concerns/taskable.rb): a line, after optional blockquote markers, with one or more
// list prefixes (`-`, `+`, `*` or `1.`), whitespace, a checkbox `[ ]` or `[x]`/`[X]`, then
// whitespace and some text. Like GitLab, it does not look at fenced code blocks.
import type { TaskCounts } from './model';

const TASK_ITEM = /^(?:>\s{0,4})*(?:\s*(?:[-+*]|\d+\.))+\s+(\[\s\]|\[[xX]\])\s.+/gm;

export function taskCountsOf(markdown: string): TaskCounts {
  let total = 0;
  let completed = 0;
  for (const match of markdown.matchAll(TASK_ITEM)) {
    total += 1;
    if (/\[[xX]\]/.test(match[1] ?? '')) completed += 1;
  }
  return { total, completed };
}
