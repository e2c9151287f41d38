// Task lists counted from plain Markdown must give GitLab's own `taskCompletionStatus` numbers
// (Taskable::ITEM_PATTERN), since a child's linked issues are scored from them.
import { describe, expect, it } from 'vitest';
import { taskCountsOf } from '../../../lib/okr/tasks';

describe('taskCountsOf (GitLab’s task list rule)', () => {
  it('counts open and checked items of every list style', () => {
    const markdown = [
      '- [ ] draft the plan',
      '* [x] book the room',
      '+ [X] send invites',
      '1. [ ] numbered',
      '  - [x] nested',
      '> - [ ] quoted',
    ].join('\n');
    expect(taskCountsOf(markdown)).toEqual({ total: 6, completed: 3 });
  });

  it('ignores what GitLab ignores: no list marker, other boxes, no text after the box', () => {
    const markdown = ['[ ] not in a list', '- [~] not applicable', '- [y] no', 'text', '- [x]'];
    expect(taskCountsOf(markdown.join('\n'))).toEqual({ total: 0, completed: 0 });
  });

  it('counts items inside fenced code too, as GitLab scans the raw Markdown', () => {
    expect(taskCountsOf('```okr\n- [x] 20%\n- [ ] 60%\n```')).toEqual({ total: 2, completed: 1 });
  });

  it('gives zero for an empty description', () => {
    expect(taskCountsOf('')).toEqual({ total: 0, completed: 0 });
  });
});
