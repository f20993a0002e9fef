import { hazardScope, mineScope } from '../../access/access';
import type { Actor } from '../../access/actor';
import type { Db } from '../../db/database';

/** File ids are ULIDs (the files module checks this before asking), so they hold no LIKE wildcards. */
const FILE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * A file is readable by whoever may see a hazard that references it: in its photos or files, or in
 * the evidence of one of its steps (plan, progress photos, evaluation report, resume application);
 * or by whoever may see the mine of a monthly investigation that attaches it.
 */
export async function hazardFileReferrer(db: Db, actor: Actor, fileId: string): Promise<boolean> {
  if (!FILE_ID.test(fileId)) return false;
  const pattern = `%"${fileId}"%`;
  const direct = await db
    .selectFrom('hazards as h')
    .select('h.id')
    .where(hazardScope(actor))
    .where((eb) =>
      eb.or([
        eb('h.photos', 'like', pattern),
        eb('h.files', 'like', pattern),
        eb('h.treatment_plan', 'like', pattern),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (direct) return true;
  const viaEvent = await db
    .selectFrom('hazard_events as e')
    .innerJoin('hazards as h', 'h.id', 'e.hazard_id')
    .select('h.id')
    .where('e.evidence', 'like', pattern)
    .where(hazardScope(actor))
    .limit(1)
    .executeTakeFirst();
  if (viaEvent) return true;
  const viaInvestigation = await db
    .selectFrom('hazard_investigations as i')
    .select('i.id')
    .where('i.files', 'like', pattern)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('orgs as o')
          .innerJoin('mines as m', 'm.org_id', 'o.id')
          .select('o.id')
          .whereRef('o.id', '=', 'i.mine_id')
          .where((inner) => mineScope(actor)(inner)),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return viaInvestigation !== undefined;
}
