import type { Account } from './scope-accounts';

/** A GET route that lists no records: why, and who may call it where its service narrows the permission. */
export interface NotAList {
  why: string;
  permitted?: (a: Account) => boolean;
}

/** Where a service lets only local regulators (province, city, county bureaus) use the route. */
const localRegulator = (a: Account) =>
  a.permissions.has('mine.import') && ['province', 'city', 'county'].includes(a.orgKind);

/**
 * GET routes without a path parameter that list no records: the matrix still checks who may call
 * them. A route neither here nor in a kind's lists fails the matrix.
 */
export const NOT_RECORD_LISTS: Readonly<Record<string, NotAList>> = {
  '/api/health': { why: 'liveness, public' },
  '/api/me': { why: 'the account itself' },
  '/api/hazards/dashboard': { why: 'figures over the hazards in scope (their list is /api/hazards)' },
  '/api/mines/export': { why: 'the xlsx of /api/mines, from the same query' },
  '/api/hazards/export': { why: 'the xlsx of /api/hazards, from the same query' },
  '/api/audit/events.csv': { why: 'the CSV of /api/audit/events, from the same query' },
  '/api/audit/refusals': { why: 'refusals still counting, not yet an event of /api/audit/events' },
  '/api/mines/import-template': { why: 'an empty template', permitted: localRegulator },
  '/api/hazards/import-template': { why: 'an empty template' },
};
