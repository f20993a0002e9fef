import type { Kysely, SelectQueryBuilder } from 'kysely';

// Never edit an applied migration; add a new one.
//
// Which records hold a file was found by LIKE '%"<id>"%' over every JSON column that stores file
// references, for each download: a walk of the hazards, their events, the submissions and the
// notices. file_links holds each reference once, written with its record: "the files of a record"
// is a range of the primary key, "the records of a file" a range of file_links_file. This fills it
// from the records already stored, parsing their JSON here so it runs alike on both databases.

/** The tables as this migration reads and writes them (as they stand after 0008). */
interface Tables {
  files: { id: string };
  hazards: { id: string; photos: string; files: string; treatment_plan: string | null; created_at: string };
  hazard_events: { id: string; hazard_id: string; action: string; evidence: string; at: string };
  hazard_investigations: { id: string; files: string; created_at: string };
  submissions: { id: string; content: string; updated_at: string };
  notices: { id: string; parent_notice_id: string | null; attachments: string; created_at: string };
  file_links: { file_id: string; record_kind: string; record_id: string; role: string; created_at: string };
}
type Link = Tables['file_links'];

const PAGE = 2000;
/** Rows per insert: 5 parameters each, far under both databases' limits. */
const INSERT_ROWS = 1000;

export async function up(db: Kysely<Tables>): Promise<void> {
  await db.schema
    .createTable('file_links')
    .addColumn('file_id', 'varchar(32)', (c) => c.notNull().references('files.id'))
    .addColumn('record_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('role', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_links_pk', ['record_kind', 'record_id', 'role', 'file_id'])
    .execute();
  // Holds every column the read check asks of a link, so it never visits the table.
  await db.schema
    .createIndex('file_links_file')
    .on('file_links')
    .columns(['file_id', 'record_kind', 'record_id', 'role'])
    .execute();
  await fillFileLinks(db);
}

export async function down(db: Kysely<Tables>): Promise<void> {
  await db.schema.dropTable('file_links').execute();
}

/** The ids of a JSON array of file references ({ id, name }); anything else holds none. */
function idsIn(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (isRef(v) ? [v.id] : []));
}

function isRef(value: unknown): value is { id: string; name: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'name' in value &&
    typeof value.name === 'string'
  );
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

function fieldsOf(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

/**
 * A form's file references by the path of the list that holds them (`attachments`,
 * `drills.0.attachments`): what the submission code writes as each link's role.
 */
function formRefs(value: unknown, path: string[], out: { role: string; id: string }[]) {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      if (isRef(item)) out.push({ role: path.join('.'), id: item.id });
      else formRefs(item, [...path, String(i)], out);
    }
    return;
  }
  for (const [key, item] of fieldsOf(value)) formRefs(item, [...path, key], out);
}

/** Collects links and writes them in batches, keeping only files that exist (a link's foreign key). */
function linkWriter(db: Kysely<Tables>) {
  let pending: Link[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const ids = [...new Set(batch.map((l) => l.file_id))];
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += INSERT_ROWS) {
      const rows = await db
        .selectFrom('files')
        .select('id')
        .where('id', 'in', ids.slice(i, i + INSERT_ROWS))
        .execute();
      for (const r of rows) existing.add(r.id);
    }
    const rows = batch.filter((l) => existing.has(l.file_id));
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await db
        .insertInto('file_links')
        .values(rows.slice(i, i + INSERT_ROWS))
        .onConflict((oc) => oc.columns(['record_kind', 'record_id', 'role', 'file_id']).doNothing())
        .execute();
    }
  };
  return {
    async add(kind: string, recordId: string, role: string, fileIds: readonly string[], at: string) {
      for (const fileId of new Set(fileIds))
        pending.push({ file_id: fileId, record_kind: kind, record_id: recordId, role, created_at: at });
      if (pending.length >= PAGE) await flush();
    },
    flush,
  };
}

/** The rows a query selects, in pages by id, so memory stays flat however many there are. */
async function* pages<T extends keyof Tables, Row extends { id: string }>(
  db: Kysely<Tables>,
  query: SelectQueryBuilder<Tables, T, Row>,
) {
  const id = db.dynamic.ref('id');
  let after = '';
  for (;;) {
    const rows = await query.where(id, '>', after).orderBy(id).limit(PAGE).execute();
    yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = last.id;
  }
}

/**
 * Links every file reference the stored records hold, as the services write them: a hazard's
 * `photos` and `files`, each step's evidence as `<action>.<field>` (the plan's files also stand in
 * its treatment plan), an investigation's `files`, a submission's form fields, a notice's
 * `attachments`, and on a forward the attachments of every notice it carries (`carried`).
 */
export async function fillFileLinks(db: Kysely<Tables>): Promise<void> {
  const links = linkWriter(db);

  for await (const rows of pages(
    db,
    db
      .selectFrom('hazard_events')
      .select(['id', 'hazard_id', 'action', 'evidence', 'at'])
      .where('evidence', '!=', '{}'),
  )) {
    for (const e of rows)
      for (const [field, value] of fieldsOf(parse(e.evidence)))
        await links.add('hazard', e.hazard_id, `${e.action}.${field}`, idsIn(value), e.at);
  }

  for await (const rows of pages(
    db,
    db
      .selectFrom('hazards')
      .select(['id', 'photos', 'files', 'treatment_plan', 'created_at'])
      .where((eb) =>
        eb.or([eb('photos', '!=', '[]'), eb('files', '!=', '[]'), eb('treatment_plan', 'is not', null)]),
      ),
  )) {
    for (const h of rows) {
      await links.add('hazard', h.id, 'photos', idsIn(parse(h.photos)), h.created_at);
      await links.add('hazard', h.id, 'files', idsIn(parse(h.files)), h.created_at);
      const plan = fieldsOf(parse(h.treatment_plan)).find(([key]) => key === 'planFiles');
      await links.add('hazard', h.id, 'plan.planFiles', idsIn(plan?.[1]), h.created_at);
    }
  }

  for await (const rows of pages(
    db,
    db.selectFrom('hazard_investigations').select(['id', 'files', 'created_at']).where('files', '!=', '[]'),
  )) {
    for (const i of rows)
      await links.add('hazard_investigation', i.id, 'files', idsIn(parse(i.files)), i.created_at);
  }

  for await (const rows of pages(db, db.selectFrom('submissions').select(['id', 'content', 'updated_at']))) {
    for (const s of rows) {
      const refs: { role: string; id: string }[] = [];
      formRefs(parse(s.content), [], refs);
      for (const role of new Set(refs.map((r) => r.role)))
        await links.add(
          'submission',
          s.id,
          role,
          refs.filter((r) => r.role === role).map((r) => r.id),
          s.updated_at,
        );
    }
  }

  // Ids are ULIDs, in creation order: a forward comes after the notice it forwards, whose own
  // and carried files are known by then.
  const chains = new Map<string, string[]>();
  for await (const rows of pages(
    db,
    db.selectFrom('notices').select(['id', 'parent_notice_id', 'attachments', 'created_at']),
  )) {
    for (const n of rows) {
      const own = idsIn(parse(n.attachments));
      const carried = n.parent_notice_id ? (chains.get(n.parent_notice_id) ?? []) : [];
      await links.add('notice', n.id, 'attachments', own, n.created_at);
      await links.add('notice', n.id, 'carried', carried, n.created_at);
      if (own.length + carried.length > 0) chains.set(n.id, [...new Set([...own, ...carried])]);
    }
  }
  await links.flush();
}
