import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MISNAMED_IDENTIFIERS, SYNONYMS } from '@tiegui/domain';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The structure docs/ARCHITECTURE.md writes down, read off the code: which folder may import which,
 * and the glossary's one identifier per domain word.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = path.join(ROOT, 'server/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const parse = (file: string) =>
  ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** The relative imports of a file, resolved to paths under the repository. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      if (spec.startsWith('.')) out.push(path.relative(ROOT, path.resolve(path.dirname(file), spec)));
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return out;
}

/** The module a server path belongs to (`modules/<name>/…`), or null. */
const moduleOf = (rel: string) => /^server\/src\/modules\/([^/]+)\//.exec(rel)?.[1] ?? null;

describe('import directions (docs/ARCHITECTURE.md)', () => {
  const files = sourceFiles(SERVER).filter((f) => !f.endsWith('.test.ts'));

  it('lib/, db/, access/, audit/ and workflow/ import no feature module', () => {
    const wrong = files.flatMap((f) => {
      const rel = path.relative(ROOT, f);
      if (!/^server\/src\/(lib|db|access|audit|workflow)\//.test(rel)) return [];
      return importsOf(f)
        .filter((i) => moduleOf(`${i}/`) !== null || i.startsWith('server/src/modules/'))
        .map((i) => `${rel} → ${i}`);
    });
    expect(wrong).toEqual([]);
  });

  it('a module reaches another module through its services, never its repository', () => {
    const wrong = files.flatMap((f) => {
      const rel = path.relative(ROOT, f);
      const own = moduleOf(rel);
      if (!own) return [];
      return importsOf(f)
        .filter((i) => {
          const other = moduleOf(i);
          return other !== null && other !== own && /\.repository$/.test(i);
        })
        .map((i) => `${rel} → ${i}`);
    });
    expect(wrong).toEqual([]);
  });

  it('no source file is past 400 lines', () => {
    const long = [
      ...files,
      ...sourceFiles(path.join(ROOT, 'web/src')),
      ...sourceFiles(path.join(ROOT, 'domain/src')),
    ]
      .filter((f) => !f.endsWith('.test.ts') && !/\/catalog\//.test(f))
      .map((f) => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 400)
      .map(([f, n]) => `${f}: ${n}`);
    expect(long).toEqual([]);
  });
});

/** Lower-case words of an identifier: `supervisingOrgsOf` → supervising, orgs, of. */
const wordsOf = (id: string) =>
  id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);

describe('the glossary’s words (domain/src/glossary.ts)', () => {
  it('no identifier uses a synonym the glossary lists, nor a misnamed identifier', () => {
    const found: string[] = [];
    const synonyms = new Map(Object.entries(SYNONYMS));
    const misnamed = new Map(Object.entries(MISNAMED_IDENTIFIERS));
    // The glossary names the synonyms, and this test spells them to check itself.
    const lists = [path.join(ROOT, 'domain/src/glossary.ts'), fileURLToPath(import.meta.url)];
    for (const dir of ['server/src', 'web/src', 'domain/src', 'e2e/src', 'bench/src']) {
      for (const file of sourceFiles(path.join(ROOT, dir)).filter((f) => !lists.includes(f))) {
        const source = parse(file);
        const visit = (node: ts.Node) => {
          if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
            const id = node.text;
            const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            const where = `${path.relative(ROOT, file)}:${line} ${id}`;
            if (misnamed.has(id)) found.push(`${where} → ${misnamed.get(id)}`);
            for (const w of wordsOf(id)) if (synonyms.has(w)) found.push(`${where} → ${synonyms.get(w)}`);
          }
          ts.forEachChild(node, visit);
        };
        visit(source);
      }
    }
    expect(found).toEqual([]);
  });

  it('reads the words it checks (the test can find a synonym)', () => {
    expect(wordsOf('activeListersOf')).toContain('listers');
    expect(wordsOf('ZDutiesQuery')).toEqual(['z', 'duties', 'query']);
    expect(SYNONYMS.lister).toBeDefined();
  });
});
