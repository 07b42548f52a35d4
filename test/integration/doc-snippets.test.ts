/**
 * Docs that work when copied: every ```ts / ```tsx block of the README, the package READMEs and docs/ is compiled
 * (typechecked, strict, against the packages' source) as a module of its own, so no snippet can name a prop, an export
 * or a helper that does not exist. A block preceded by `<!-- snippet: excerpt -->` is an excerpt of a larger file
 * (a type's fields, a comment style) and is not compiled alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'packages')).map((name) => `packages/${name}/README.md`),
  ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`),
];
const BLOCK = /(<!-- snippet: excerpt -->\s*)?```(ts|tsx|typescript)\n([\s\S]*?)```/g;

interface Snippet { doc: string; line: number; file: string; text: string }

function snippets(): Snippet[] {
  return DOCS.flatMap((doc) => {
    let text: string;
    try { text = readFileSync(join(ROOT, doc), 'utf8'); } catch { return []; }
    return [...text.matchAll(BLOCK)].flatMap((match, n) => {
      if (match[1]) return [];
      const line = text.slice(0, match.index).split('\n').length + 1;
      // A module of its own (imports, top-level await), beside the test so relative paths resolve from the root.
      const file = join(ROOT, 'test', 'snippets', `${doc.replace(/[/.]/g, '_')}_${n}.tsx`);
      return [{ doc, line, file, text: `${match[3]}\nexport {};\n` }];
    });
  });
}

function compile(list: Snippet[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'test', 'tsconfig.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (!config) throw new Error('test/tsconfig.json did not parse');
  const byFile = new Map(list.map((snippet) => [snippet.file, snippet]));
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => byFile.get(file)?.text ?? readFile(file);
  host.fileExists = (file) => byFile.has(file) || fileExists(file);
  const program = ts.createProgram([...byFile.keys()], { ...config.options, noEmit: true, noUnusedLocals: false }, host);
  return list.flatMap((snippet) => {
    const source = program.getSourceFile(snippet.file);
    if (!source) return [`${snippet.doc}:${snippet.line}: not compiled`];
    return ts.getPreEmitDiagnostics(program, source).map((d) => {
      const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
      return `${snippet.doc}:${snippet.line + at}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  });
}

describe('documentation snippets', () => {
  it('every TypeScript block of the README, the package READMEs and docs/ compiles', () => {
    const list = snippets();
    expect(list.length).toBeGreaterThan(15);
    expect(compile(list)).toEqual([]);
    expect(relative(ROOT, dirname(list[0]?.file ?? ''))).toBe(join('test', 'snippets'));
  }, 120_000);

  it('every block that prepares data validates it first (records from outside are never prepared unchecked)', () => {
    const unchecked = snippets()
      .filter((snippet) => /\bprepareDataset\(/.test(snippet.text) && !/\bvalidateDataset\(/.test(snippet.text))
      .map((snippet) => `${snippet.doc}:${snippet.line}`);
    expect(unchecked).toEqual([]);
  });
});
