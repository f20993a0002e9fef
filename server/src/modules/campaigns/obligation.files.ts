import { type FormDefinition, type FormValues, fileRefsOf } from '@tiegui/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { linkFiles, unlinkRecord } from '../files/file.links';
import type { AttachRef } from '../files/file.service';

/** The Chinese label of the form field at a reference's path (`attachments.0`, `drills.0.attachments.1`). */
function labelAt(form: FormDefinition, path: string): string {
  const [key, row, subKey] = path.split('.');
  const field = form.fields.find((f) => f.key === key);
  if (!field) return '附件';
  if (field.type !== 'rows' || subKey === undefined) return field.label;
  const sub = field.fields.find((f) => f.key === subKey);
  return `${field.label}第${Number(row) + 1}行 ${sub?.label ?? '附件'}`;
}

/** The files a submission's (cleaned) values reference, each with its form field's path and label. */
export function submissionFileRefs(form: FormDefinition, values: FormValues): AttachRef[] {
  return fileRefsOf(form, values).map((r) => ({ id: r.id, path: r.path, label: labelAt(form, r.path) }));
}

/**
 * Links a submission version's files, by the list that holds each (`attachments`,
 * `drills.0.attachments`), in the caller's transaction. A draft is written over in place, so its
 * links are written anew: a file taken out of the draft is no longer read through it.
 */
export async function linkSubmissionFiles(
  trx: Kysely<Database>,
  obligationId: string,
  version: number,
  form: FormDefinition,
  values: FormValues,
  now: Date,
) {
  const { id } = await trx
    .selectFrom('submissions')
    .select('id')
    .where('obligation_id', '=', obligationId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  await unlinkRecord(trx, 'submission', id);
  const byList = new Map<string, { id: string }[]>();
  for (const ref of fileRefsOf(form, values)) {
    const list = ref.path.slice(0, ref.path.lastIndexOf('.'));
    byList.set(list, [...(byList.get(list) ?? []), ref]);
  }
  for (const [list, refs] of byList) await linkFiles(trx, 'submission', id, list, refs, now);
}
