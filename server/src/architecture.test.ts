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

/** Tables whose records change state only through the workflow engine, and the columns it owns. */
const ENGINE_TABLES = ['campaigns', 'obligations', 'submissions', 'notice_deliveries', 'hazards'];
const ENGINE_COLUMNS = ['state', 'signed_at', 'accepted_at', 'activated_at'];
/** Seed code that may still write them itself (`file#function`), and why. */
const ENGINE_WRITE_EXEMPT: Record<string, string> = {
  'server/src/seed/builders.ts#buildObligation': 'a unit test’s fresh pending obligation',
  'server/src/seed/builders.ts#buildCampaign': 'a unit test’s fresh draft campaign',
  'server/src/seed/hazards-scale.ts#seedHazardsScale':
    'the bench’s millions of hazards, written in bulk without history by design',
};
const KYSELY_WRITES = ['insertInto', 'updateTable', 'replaceInto', 'mergeInto'];

const calleeName = (call: ts.CallExpression) =>
  ts.isPropertyAccessExpression(call.expression)
    ? call.expression.name.text
    : ts.isIdentifier(call.expression)
      ? call.expression.text
      : '';

/** The columns an object (or a callback returning one) names; null when it cannot be read off. */
function columnsOf(arg: ts.Expression | undefined): string[] | null {
  let node = arg;
  if (node && (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isExpression(node.body))
    node = node.body;
  while (node && ts.isParenthesizedExpression(node)) node = node.expression;
  if (!node || !ts.isObjectLiteralExpression(node)) return null;
  const names: string[] = [];
  for (const p of node.properties) {
    if (ts.isSpreadAssignment(p) || !p.name || ts.isComputedPropertyName(p.name)) return null;
    names.push(p.name.text);
  }
  return names;
}

/** The top-level function (or constant) a node sits in. */
function topLevelName(node: ts.Node): string {
  let name = '(module)';
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at) && at.name) name = at.name.text;
    else if (ts.isVariableDeclaration(at) && ts.isIdentifier(at.name)) name = at.name.text;
  }
  return name;
}

/**
 * Writes of an engine-owned column in a source: Kysely inserts and updates of those tables whose
 * values name such a column (or cannot be read off), and helpers called with such a table's name.
 */
function engineColumnWrites(fileName: string, text: string): { where: string; table: string }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { where: string; table: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const tables = node.arguments
        .filter(ts.isStringLiteralLike)
        .map((a) => a.text.split(/\s+/)[0] ?? '')
        .filter((t) => ENGINE_TABLES.includes(t));
      let columns: string[] | null = null;
      if (KYSELY_WRITES.includes(name)) {
        // The chain after insertInto/updateTable: its .values() or .set().
        for (let at: ts.Node = node; ts.isPropertyAccessExpression(at.parent); ) {
          const call = at.parent.parent;
          if (!ts.isCallExpression(call)) break;
          if (['values', 'set'].includes(at.parent.name.text)) columns = columnsOf(call.arguments[0]);
          at = call;
        }
      } else if (!/insert|update|write|upsert/i.test(name)) tables.length = 0;
      const writes = columns === null || columns.some((c) => ENGINE_COLUMNS.includes(c));
      for (const table of writes ? tables : []) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ where: `${fileName}#${topLevelName(node)}:${line}`, table });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('state changes go through the workflow engine (docs/ARCHITECTURE.md)', () => {
  const seeds = sourceFiles(path.join(SERVER, 'seed')).filter((f) => !f.endsWith('.test.ts'));
  const writes = seeds.flatMap((f) => engineColumnWrites(path.relative(ROOT, f), fs.readFileSync(f, 'utf8')));
  const exempt = (where: string) => Object.hasOwn(ENGINE_WRITE_EXEMPT, where.replace(/:\d+$/, ''));

  it('no seed writes a state, signed_at, accepted_at or activated_at of those tables itself', () => {
    expect(writes.filter((w) => !exempt(w.where)).map((w) => `${w.where} → ${w.table}`)).toEqual([]);
  });

  it('every exemption still names a writer (so none outlives its reason)', () => {
    const used = new Set(writes.map((w) => w.where.replace(/:\d+$/, '')));
    expect(Object.keys(ENGINE_WRITE_EXEMPT).filter((k) => !used.has(k))).toEqual([]);
  });

  it('no seed reaches those records’ repositories (their writes are the engine’s)', () => {
    const wrong = seeds.flatMap((f) =>
      importsOf(f)
        .filter((i) => /^server\/src\/modules\/(campaigns|notices|hazards)\/[^/]+\.repository$/.test(i))
        .map((i) => `${path.relative(ROOT, f)} → ${i}`),
    );
    expect(wrong).toEqual([]);
  });

  it('finds such a write in a Kysely chain or a bulk helper, and lets other columns and tables be', () => {
    const found = engineColumnWrites(
      'x.ts',
      `async function a(trx) {
        await trx.updateTable('obligations').set({ state: 'accepted', late: 0 }).where('id', '=', 1).execute();
        await trx.insertInto('notice_deliveries').values(rows).execute();
        await trx.updateTable('notice_deliveries').set((eb) => ({ signed_at: eb.val(1) })).execute();
        await insertChunked(trx, 'hazards', hazards, 200);
        await trx.updateTable('obligations').set({ late: 1 }).execute();
        await trx.updateTable('mines').set({ state: 'x' }).execute();
        await trx.selectFrom('hazards').select('state').execute();
      }`,
    );
    expect(found.map((w) => `${w.where} ${w.table}`)).toEqual([
      'x.ts#a:2 obligations',
      'x.ts#a:3 notice_deliveries',
      'x.ts#a:4 notice_deliveries',
      'x.ts#a:5 hazards',
    ]);
  });
});
