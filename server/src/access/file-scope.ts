import { hasPermission } from '@tiegui/domain';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, FileRecordKind } from '../db/schema';
import { hazardScope, isBusinessUser, mineScope, NOTHING, obligationScope, orgScope } from './access';
import type { Actor } from './actor';

/**
 * The role of a forwarded notice's links to the attachments of the notices it carries (its
 * original, and that one's original …): a forward carries them to its own recipients.
 */
export const CARRIED_ROLE = 'carried';

type LinkEb = ExpressionBuilder<Database & { l: Database['file_links'] }, 'l'>;

/**
 * Filter on a `file_links as l` query: the links through which the actor may read a file, because
 * the record holding it is in the actor's scope, each kind of record by its own rule:
 * - hazard: the hazard is in hazardScope (its photos, files and every step's evidence);
 * - hazard_investigation: its mine is in mineScope (hazards or none);
 * - submission: its obligation is in obligationScope (the owing org and both lines of recipients),
 *   and a draft is the owing org's alone;
 * - notice: the actor's org issued it, co-issued it or received it, or the actor supervises its
 *   issuer; the `carried` links of a forward only to its issuer and recipients (whoever reads a
 *   forward reads what it carries, which is exactly the originals' readers through a forward).
 * Each link costs a primary-key probe of its record; the links of a file are a range of
 * file_links_file. Administrators (三员) read no business files.
 */
export function fileLinkScope(actor: Actor) {
  return (eb: LinkEb) => {
    if (!isBusinessUser(actor)) return NOTHING;
    const kind = (k: FileRecordKind, record: Expression<SqlBool>) =>
      eb.and([eb('l.record_kind', '=', k), record]);
    const kinds = [
      kind(
        'hazard',
        eb.exists(
          eb
            .selectFrom('hazards as h')
            .select('h.id')
            .whereRef('h.id', '=', 'l.record_id')
            .where(hazardScope(actor)),
        ),
      ),
      kind(
        'hazard_investigation',
        eb.exists(
          eb
            .selectFrom('hazard_investigations as i')
            .innerJoin('orgs as o', 'o.id', 'i.mine_id')
            .innerJoin('mines as m', 'm.org_id', 'o.id')
            .select('i.id')
            .whereRef('i.id', '=', 'l.record_id')
            .where(mineScope(actor)),
        ),
      ),
      kind(
        'submission',
        eb.exists(
          eb
            .selectFrom('submissions as s')
            .innerJoin('obligations as ob', 'ob.id', 's.obligation_id')
            .innerJoin('orgs as o', 'o.id', 'ob.org_id')
            .select('s.id')
            .whereRef('s.id', '=', 'l.record_id')
            .where(obligationScope(actor))
            .where((inner) =>
              inner.or([inner('s.state', '!=', 'draft'), inner('ob.org_id', '=', actor.orgId)]),
            ),
        ),
      ),
    ];
    if (hasPermission(actor.roles, 'notice.read')) {
      kinds.push(
        kind(
          'notice',
          eb.exists(
            eb
              .selectFrom('notices as n')
              .select('n.id')
              .whereRef('n.id', '=', 'l.record_id')
              .where((inner) =>
                inner.or([
                  inner('n.issuer_org_id', '=', actor.orgId),
                  inner('n.co_issuer_org_id', '=', actor.orgId),
                  inner.exists(
                    inner
                      .selectFrom('notice_deliveries as d')
                      .select('d.org_id')
                      .whereRef('d.notice_id', '=', 'n.id')
                      .where('d.org_id', '=', actor.orgId),
                  ),
                  inner.and([
                    inner('l.role', '!=', CARRIED_ROLE),
                    inner.exists(
                      inner
                        .selectFrom('orgs as o')
                        .select('o.id')
                        .whereRef('o.id', '=', 'n.issuer_org_id')
                        .where(orgScope(actor)),
                    ),
                  ]),
                ]),
              ),
          ),
        ),
      );
    }
    return eb.or(kinds);
  };
}
