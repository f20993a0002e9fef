import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';

/** An obligation's submitted versions (报送), newest first, with who submitted and reviewed. */
export function submissionsOf(db: Db, obligationId: string) {
  return db
    .selectFrom('submissions as s')
    .leftJoin('users as su', 'su.id', 's.submitted_by')
    .leftJoin('users as ru', 'ru.id', 's.reviewed_by')
    .leftJoin('orgs as ro', 'ro.id', 's.reviewer_org_id')
    .select([
      's.id',
      's.version',
      's.state',
      's.content',
      's.created_at',
      's.updated_at',
      's.submitted_at',
      'su.display_name as submitter',
      's.reviewed_at',
      'ru.display_name as reviewer',
      'ro.name as reviewer_org_name',
      's.review_comment',
    ])
    .where('s.obligation_id', '=', obligationId)
    .orderBy('s.version', 'desc')
    .execute();
}

export type SubmissionRow = Awaited<ReturnType<typeof submissionsOf>>[number];

export function latestSubmission(trx: Kysely<Database>, obligationId: string) {
  return trx
    .selectFrom('submissions')
    .select(['id', 'version', 'state'])
    .where('obligation_id', '=', obligationId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Writes the values as the obligation's newest version: over the open draft if there is one, else as
 * a new version. Returns the version written.
 */
export async function writeSubmission(
  trx: Kysely<Database>,
  w: {
    obligationId: string;
    formKey: string;
    formVersion: number;
    values: Record<string, unknown>;
    state: 'draft' | 'submitted';
    userId: string;
    at: string;
  },
): Promise<number> {
  const latest = await latestSubmission(trx, w.obligationId);
  const submitted = w.state === 'submitted' ? { submitted_at: w.at, submitted_by: w.userId } : {};
  if (latest?.state === 'draft') {
    await trx
      .updateTable('submissions')
      .set({
        content: JSON.stringify(w.values),
        state: w.state,
        updated_at: w.at,
        form_version: w.formVersion,
        ...submitted,
      })
      .where('id', '=', latest.id)
      .execute();
    return latest.version;
  }
  const version = (latest?.version ?? 0) + 1;
  await trx
    .insertInto('submissions')
    .values({
      id: newId(),
      obligation_id: w.obligationId,
      version,
      form_key: w.formKey,
      form_version: w.formVersion,
      content: JSON.stringify(w.values),
      state: w.state,
      created_at: w.at,
      updated_at: w.at,
      submitted_at: null,
      submitted_by: null,
      reviewed_at: null,
      reviewed_by: null,
      reviewer_org_id: null,
      review_comment: null,
      ...submitted,
    })
    .execute();
  return version;
}

/** Marks a version accepted without review (a duty kept on record). */
export async function acceptSubmissionVersion(trx: Kysely<Database>, obligationId: string, version: number) {
  await trx
    .updateTable('submissions')
    .set({ state: 'accepted' })
    .where('obligation_id', '=', obligationId)
    .where('version', '=', version)
    .execute();
}

/** Writes a recipient's decision on the newest version; returns that version. */
export async function reviewLatestSubmission(
  trx: Kysely<Database>,
  obligationId: string,
  r: { state: 'accepted' | 'returned'; at: string; userId: string; orgId: string; comment: string | null },
): Promise<number> {
  const latest = await latestSubmission(trx, obligationId);
  if (!latest) throw new Error(`obligation ${obligationId} has no submission to review`);
  await trx
    .updateTable('submissions')
    .set({
      state: r.state,
      reviewed_at: r.at,
      reviewed_by: r.userId,
      reviewer_org_id: r.orgId,
      review_comment: r.comment,
    })
    .where('id', '=', latest.id)
    .execute();
  return latest.version;
}
