import {
  type HazardStandard,
  type HazardStandardSummary,
  hasPermission,
  SHIPPED_HAZARD_STANDARDS,
  ZHazardStandard,
} from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/actor';
import { appendAudit, auditActorOf } from '../../audit/audit.service';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { forbidden, invalidField, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import {
  catalogContent,
  findCatalogId,
  findCatalogVersion,
  highestCatalogVersion,
  insertCatalog,
  listCatalogRows,
} from './hazard-catalog.repository';

/**
 * Major-hazard standards as stored versions (like campaign plans): the shipped versions are stored
 * on first use; a province administrator edits one by uploading its next version; each hazard
 * keeps the version it was classified with.
 */
const ensured = new WeakSet<object>();
const cache = new Map<string, HazardStandard>();

async function storeStandard(trx: Kysely<Database>, s: HazardStandard, now: Date, userId: string | null) {
  const existing = await findCatalogVersion(trx, s.key, s.version);
  if (existing) return existing.id;
  const id = newId();
  await insertCatalog(trx, {
    id,
    catalog_key: s.key,
    version: s.version,
    title: s.title,
    content: JSON.stringify(s),
    created_at: now.toISOString(),
    created_by: userId,
  });
  return id;
}

/**
 * Stores each shipped standard version that is not stored yet (idempotent, cheap after the first
 * call). Run when the app starts and when data is seeded, so reading a standard never writes.
 */
export async function ensureShippedStandards(db: Kysely<Database>, now = new Date()): Promise<void> {
  if (ensured.has(db)) return;
  for (const s of SHIPPED_HAZARD_STANDARDS) {
    try {
      await storeStandard(db, s, now, null);
    } catch (error) {
      // Another process stored it first: the unique (key, version) constraint holds.
      const again = await findCatalogVersion(db, s.key, s.version);
      if (!again) throw error;
    }
  }
  ensured.add(db);
}

async function loadById(db: Kysely<Database>, id: string): Promise<HazardStandard> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await catalogContent(db, id);
  const standard = ZHazardStandard.parse(JSON.parse(row.content));
  cache.set(id, standard);
  return standard;
}

/** A stored version of a standard (the latest without `version`), or null. */
export async function loadStandard(
  db: Kysely<Database>,
  key: string,
  version?: number,
): Promise<HazardStandard | null> {
  const row = await findCatalogId(db, key, version);
  return row ? loadById(db, row.id) : null;
}

const byVersion = new Map<string, HazardStandard | null>();

/** A stored version by key and number, cached (versions never change once stored). */
export async function standardVersion(db: Kysely<Database>, key: string, version: number) {
  const k = `${key}@${version}`;
  if (!byVersion.has(k)) byVersion.set(k, await loadStandard(db, key, version));
  return byVersion.get(k) ?? null;
}

function summarize(id: string, s: HazardStandard, createdAt: string): HazardStandardSummary {
  return {
    id,
    key: s.key,
    version: s.version,
    title: s.title,
    documentNumber: s.documentNumber,
    mineCategory: s.mineCategory,
    categories: s.categories.length,
    items: s.categories.reduce((n, c) => n + c.items.length, 0),
    incompleteCategories: s.categories.filter((c) => !c.complete).length,
    createdAt,
  };
}

/** Every stored version, newest first within each standard. */
export async function listStandards({ db }: { db: Db }): Promise<HazardStandardSummary[]> {
  const rows = await listCatalogRows(db);
  return Promise.all(rows.map(async (r) => summarize(r.id, await loadById(db, r.id), r.created_at)));
}

/**
 * A standard as the actor reads it: whole for its maintainers (the province's), else without the
 * maintenance notes — what is still to be checked (note, confidence) and the web pages its text was
 * taken from — which say nothing to someone registering a hazard against it.
 */
export async function getStandard({ db }: { db: Db }, actor: Actor, key: string, version?: number) {
  const s = await loadStandard(db, key, version);
  if (!s) throw notFound('隐患判定标准');
  return canUploadStandard(actor) ? s : readerView(s);
}

/** A source without the addresses it was read at: the citation only (第三条 …), else the document. */
function citation(source: string, document: string): string {
  const cited = source
    .replace(/（[^）]*https?:\/\/[^）]*）/g, '')
    .replace(/\(?\bhttps?:\/\/[^\s；;，,）)]+\)?/g, '')
    .replace(/（摘要）/g, '')
    .split(/[；;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('；');
  return cited || document;
}

function readerView(s: HazardStandard): HazardStandard {
  const document = `《${s.title}》（${s.documentNumber}）`;
  const { note: _note, ...standard } = s;
  return {
    ...standard,
    source: citation(s.source, document),
    categories: s.categories.map(({ note: _n, confidence: _c, ...category }) => ({
      ...category,
      source: citation(category.source, document),
      items: category.items.map(({ confidence: _ic, source, ...item }) =>
        source === undefined ? item : { ...item, source: citation(source, document) },
      ),
    })),
  };
}

/** Whether the actor may upload a next version (a province holder of hazard.catalog), for the web. */
export function canUploadStandard(actor: Actor): boolean {
  return actor.orgKind === 'province' && hasPermission(actor.roles, 'hazard.catalog');
}

/** A province administrator uploads the next version of a standard (validated by the shared schema). */
export async function uploadStandard(
  { db, clock }: { db: Db; clock: Clock },
  actor: Actor,
  standard: HazardStandard,
): Promise<HazardStandardSummary> {
  if (!canUploadStandard(actor)) throw forbidden('只有省级部门可以维护重大事故隐患判定标准');
  const latest = await loadStandard(db, standard.key);
  if (latest && standard.version <= latest.version)
    throw invalidField('version', `版本号须大于现有版本${latest.version}`);
  if (latest && latest.mineCategory !== standard.mineCategory)
    throw invalidField('mineCategory', '新版本的适用矿山类别须与原标准一致');
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    // Another administrator may have saved this version since the check above.
    const highest = await highestCatalogVersion(trx, standard.key);
    if (Number(highest ?? 0) >= standard.version)
      throw invalidField('version', `版本号须大于现有版本${highest}，请刷新后重试`);
    const id = await storeStandard(trx, standard, now, actor.userId);
    await appendAudit(
      trx,
      auditActorOf(actor),
      {
        action: 'hazard.catalog_uploaded',
        entityType: 'hazard_catalog',
        entityId: id,
        changes: { key: standard.key, version: standard.version },
      },
      now,
    );
    return id;
  });
  return summarize(id, standard, now.toISOString());
}
