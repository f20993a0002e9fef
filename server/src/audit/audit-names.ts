import { ownField } from '@tiegui/domain';

/** Keys of recorded changes that hold a record's id, with the kind of record they name. */
const ID_KEYS: Readonly<Record<string, string>> = {
  mineId: 'mine',
  orgId: 'org',
  coIssuerOrgId: 'org',
  supervisorOrgId: 'org',
  divisionOrgId: 'org',
  groupOrgId: 'org',
  planId: 'plan',
  campaignId: 'campaign',
  hazardId: 'hazard',
  hazardIds: 'hazard',
  recurrenceOf: 'hazard',
  original: 'notice',
  noticeId: 'notice',
  fileId: 'file',
};

/** A record an event names: its kind and id, as `recordNames` reads them. */
export interface RecordRef {
  entity_type: string | null;
  entity_id: string | null;
}

/** The records an event's changes name by id, at any depth (an action's evidence, a list of files). */
export function valueRefs(changes: unknown, kind: string | null = null): RecordRef[] {
  if (typeof changes === 'string') return kind ? [{ entity_type: kind, entity_id: changes }] : [];
  if (Array.isArray(changes)) return changes.flatMap((v) => valueRefs(v, kind));
  if (typeof changes !== 'object' || changes === null) return [];
  return Object.keys(changes).flatMap((key) => {
    const value = ownField(changes, key);
    // A file in a list of attachments is recorded as { id, name … }.
    if (key === 'files' || key === 'reportFiles') return valueRefs(value, null).concat(fileIds(value));
    return valueRefs(value, Object.hasOwn(ID_KEYS, key) ? (ID_KEYS[key] ?? null) : null);
  });
}

const fileIds = (files: unknown): RecordRef[] =>
  Array.isArray(files)
    ? files.flatMap((f) => {
        const id = ownField(f, 'id');
        return typeof id === 'string' ? [{ entity_type: 'file', entity_id: id }] : [];
      })
    : [];

/** The names `recordNames` found for these records, by id, as the audit page reads them. */
export function namesOf(
  refs: readonly RecordRef[],
  names: ReadonlyMap<string, string>,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const { entity_type, entity_id } of refs) {
    const name = names.get(`${entity_type}:${entity_id}`);
    if (name !== undefined && entity_id !== null) found[entity_id] = name;
  }
  return found;
}
