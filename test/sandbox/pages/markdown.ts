// Just enough of GitLab Flavored Markdown for seeded descriptions and notes: paragraphs, lists,
// task lists (rendered as GitLab renders them), fenced code blocks, **bold**, `code` and links.
import { html, raw, type SafeHtml } from './html';

function inline(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`|https?:\/\/[^\s)>,]+)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    parts.push(html`${text.slice(last, match.index)}`);
    if (token.startsWith('**')) parts.push(html`<strong>${token.slice(2, -2)}</strong>`);
    else if (token.startsWith('`')) parts.push(html`<code>${token.slice(1, -1)}</code>`);
    else
      parts.push(
        html`<a href="${token}" rel="nofollow noreferrer noopener" target="_blank">${token}</a>`,
      );
    last = (match.index ?? 0) + token.length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}

export function renderMarkdown(source: string): SafeHtml {
  const blocks: SafeHtml[] = [];
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: SafeHtml[] = [];
  let sourceLine = 0;
  const flushParagraph = () => {
    if (paragraph.length) blocks.push(html`<p dir="auto">${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list.length)
      blocks.push(
        html`<ul dir="auto" class="task-list">
          ${list}
        </ul>`,
      );
    list = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    sourceLine = i + 1;
    const fence = /^\s*(```|~~~)\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      flushParagraph();
      flushList();
      const body: string[] = [];
      for (i += 1; i < lines.length && !/^\s*(```|~~~)\s*$/.test(lines[i] ?? ''); i += 1)
        body.push(lines[i] ?? '');
      const lang = fence[2] || 'plaintext';
      blocks.push(
        html`<div class="gl-relative markdown-code-block js-markdown-code">
          <pre
            data-sourcepos="${sourceLine}:1-${i + 1}:3"
            data-canonical-lang="${lang}"
            class="code highlight js-syntax-highlight language-${lang}"
            lang="${lang}"
          ><code>${body.join('\n')}</code></pre>
        </div>`,
      );
      continue;
    }
    const task = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.*)$/.exec(line);
    const bullet = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (task) {
      flushParagraph();
      const checked = task[1] !== ' ';
      list.push(
        html`<li
          data-sourcepos="${sourceLine}:1-${sourceLine}:${line.length}"
          class="task-list-item"
        >
          <input
            type="checkbox"
            class="task-list-item-checkbox"
            disabled
            ${checked ? raw('checked') : ''}
          />
          ${inline(task[2] ?? '')}
        </li>`,
      );
    } else if (bullet) {
      flushParagraph();
      list.push(html`<li>${inline(bullet[1] ?? '')}</li>`);
    } else if (!line.trim()) {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return html`${blocks}`;
}
