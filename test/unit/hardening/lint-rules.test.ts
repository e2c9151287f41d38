// The project's lint rules keep GitLab content inert: every way of turning a string into HTML,
// or into code, fails `npm run lint` in product code. Checked on small snippets with the
// project's own eslint.config.js.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problemsIn(
  code: string,
  filePath = 'components/panel/Probe.tsx',
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const FORBIDDEN: Record<string, string> = {
  'dangerouslySetInnerHTML prop':
    'export const A = (p: { t: string }) => <div dangerouslySetInnerHTML={{ __html: p.t }} />;',
  'dangerouslySetInnerHTML in spread props':
    'export const A = (p: { t: string }) => <div {...{ dangerouslySetInnerHTML: { __html: p.t } }} />;',
  'srcDoc prop': 'export const A = (p: { t: string }) => <iframe srcDoc={p.t} />;',
  'innerHTML prop': 'export function a(e: HTMLElement, t: string) { e.innerHTML = t; }',
  'innerHTML +=': 'export function a(e: HTMLElement, t: string) { e.innerHTML += t; }',
  "['innerHTML'] = …": "export function a(e: HTMLElement, t: string) { e['innerHTML'] = t; }",
  'outerHTML prop': 'export function a(e: HTMLElement, t: string) { e.outerHTML = t; }',
  'Object.assign innerHTML':
    'export function a(e: HTMLElement, t: string) { Object.assign(e, { innerHTML: t }); }',
  insertAdjacentHTML:
    "export function a(e: HTMLElement, t: string) { e.insertAdjacentHTML('beforeend', t); }",
  createContextualFragment:
    'export function a(t: string) { return document.createRange().createContextualFragment(t); }',
  'a quoted innerHTML key':
    "export function a(e: HTMLElement, t: string) { Object.assign(e, { 'innerHTML': t }); }",
  DOMParser:
    "export function a(t: string) { return new DOMParser().parseFromString(t, 'text/html'); }",
  'document.write': 'export function a(t: string) { document.write(t); }',
  eval: 'export function a(t: string) { return eval(t); }',
  'new Function': 'export function a(t: string) { return new Function(t); }',
  'setTimeout with a string': "export function a() { setTimeout('alert(1)', 1); }",
  'javascript: URL':
    'export const A = () => <a href="javascript:void(0)">x</a>;\nexport const u = \'javascript:alert(1)\';',
};

describe('lint rules that keep GitLab content inert', () => {
  for (const [name, code] of Object.entries(FORBIDDEN)) {
    it(`fails on ${name}`, async () => {
      const problems = await problemsIn(code);
      expect(
        problems.filter((rule) =>
          /no-restricted-syntax|no-eval|no-new-func|no-implied-eval|no-script-url/.test(rule),
        ),
      ).not.toEqual([]);
    });
  }

  it('lets text rendering through', async () => {
    expect(
      await problemsIn(
        'export const A = (p: { t: string }) => <bdi title={p.t}>{p.t}</bdi>;\nexport function b(e: HTMLElement, t: string) { e.textContent = t; }',
      ),
    ).toEqual([]);
  });
});

describe('lint rules that keep zod out of the content script', () => {
  const ZOD_IN_THE_CONTENT_SCRIPT: Record<string, string> = {
    'zod itself': "import { z } from 'zod';\nexport const s = z.string();",
    'zod/mini': "import * as z from 'zod/mini';\nexport const s = z.string();",
    'a schema from lib/messages':
      "import { ProblemSchema } from '../../lib/messages';\nexport const s = ProblemSchema;",
    'an inline type import (it still loads the module)':
      "import { type Problem } from '../../lib/messages';\nexport type P = Problem;",
  };
  for (const [name, code] of Object.entries(ZOD_IN_THE_CONTENT_SCRIPT)) {
    it(`fails on ${name}`, async () => {
      expect(await problemsIn(code, 'entrypoints/gitlab.content/Probe.ts')).not.toEqual([]);
    });
  }

  it('lets shapes and type imports through', async () => {
    const code =
      "import type { Problem } from '../../lib/messages';\nimport { ProblemSchema } from '../../lib/page-messages';\nexport const ok = (p: Problem) => ProblemSchema.safeParse(p).success;";
    expect(await problemsIn(code, 'entrypoints/gitlab.content/Probe.ts')).toEqual([]);
  });
});
