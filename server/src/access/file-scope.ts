import { hasPermission } from '@tiegui/domain';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { type Database, FILE_RECORD_KINDS, type FileRecordKind } from '../db/schema';
import { hazardScope, isBusinessUser, mineScope, NOTHING, obligationScope, orgScope } from './access';
import type { Actor } from './actor';

/**
 * The role of a forwarded notice's links to the attachments of the notices it carries (its
 * original, and that one's original …): a forward carries them to its own recipients.
 */
export const CARRIED_ROLE = 'carried';

type LinkEb = ExpressionBuilder<Database & { l: Database['file_links'] }, 'l'>;
type InvestigationEb = ExpressionBuilder<Database & { i: Database['hazard_investigations'] }, 'i'>;
type SubmissionEb = ExpressionBuilder<Database & { s: Database['submissions'] }, 's'>;
type NoticeEb = ExpressionBuilder<Database & { n: Database['notices'] }, 'n'>;

/** Filter on `hazard_investigations as i`: those of the mines in scope, hazards or none. */
export function investigationScope(actor: Actor) {
  return (eb: InvestigationEb) =>
    eb.exists(
      eb
        .selectFrom('orgs as o')
        .innerJoin('mines as m', 'm.org_id', 'o.id')
        .select('o.id')
        .whereRef('o.id', '=', 'i.mine_id')
        .where(mineScope(actor)),
    );
}

/**
 * Filter on `submissions as s`: those of obligations in scope (the owing org and both lines of
 * recipients), a draft only for the owing org.
 */
export function submissionScope(actor: Actor) {
  return (eb: SubmissionEb) =>
    eb.exists(
      eb
        .selectFrom('obligations as ob')
        .innerJoin('orgs as o', 'o.id', 'ob.org_id')
        .select('ob.id')
        .whereRef('ob.id', '=', 's.obligation_id')
        .where(obligationScope(actor))
        .where((inner) => inner.or([inner('s.state', '!=', 'draft'), inner('ob.org_id', '=', actor.orgId)])),
    );
}

/**
 * Filter on `notices as n`: those the actor's org issued, co-issued or received (its parties) and,
 * where `partiesOnly` does not hold, those whose issuer the actor supervises.
 */
export function noticeScope(actor: Actor, partiesOnly: Expression<SqlBool>) {
  return (eb: NoticeEb) => {
    if (!hasPermission(actor.roles, 'notice.read')) return NOTHING;
    const delivered = eb
      .selectFrom('notice_deliveries as d')
      .select('d.org_id')
      .whereRef('d.notice_id', '=', 'n.id')
      .where('d.org_id', '=', actor.orgId);
    const supervised = eb
      .selectFrom('orgs as o')
      .select('o.id')
      .whereRef('o.id', '=', 'n.issuer_org_id')
      .where(orgScope(actor));
    return eb.or([
      eb('n.issuer_org_id', '=', actor.orgId),
      eb('n.co_issuer_org_id', '=', actor.orgId),
      eb.exists(delivered),
      eb.and([eb.not(partiesOnly), eb.exists(supervised)]),
    ]);
  };
}

/**
 * Filter on a `file_links as l` query: the links through which the actor may read a file, because
 * the record holding it is in the actor's scope by that record's own rule: hazardScope,
 * investigationScope, submissionScope, noticeScope. A forward's `carried` links reach its issuer
 * and recipients only: whoever reads a forward reads what it carries, which is exactly who reads
 * the originals through a forward. Each link costs a primary-key probe of its record; the links of
 * a file are a range of file_links_file. Administrators (三员) read no business files.
 */
export function fileLinkScope(actor: Actor) {
  return (eb: LinkEb) => {
    if (!isBusinessUser(actor)) return NOTHING;
    // Typed by kind, so a new kind of record does not compile until it says who reads its files.
    const records: Record<FileRecordKind, Expression<unknown>> = {
      hazard: eb
        .selectFrom('hazards as h')
        .select('h.id')
        .whereRef('h.id', '=', 'l.record_id')
        .where(hazardScope(actor)),
      hazard_investigation: eb
        .selectFrom('hazard_investigations as i')
        .select('i.id')
        .whereRef('i.id', '=', 'l.record_id')
        .where(investigationScope(actor)),
      submission: eb
        .selectFrom('submissions as s')
        .select('s.id')
        .whereRef('s.id', '=', 'l.record_id')
        .where(submissionScope(actor)),
      notice: eb
        .selectFrom('notices as n')
        .select('n.id')
        .whereRef('n.id', '=', 'l.record_id')
        .where(noticeScope(actor, eb('l.role', '=', CARRIED_ROLE))),
    };
    return eb.or(
      FILE_RECORD_KINDS.map((kind) => eb.and([eb('l.record_kind', '=', kind), eb.exists(records[kind])])),
    );
  };
}
