import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Predicates over hazards (alias h) that the list, the count and the dashboard share, so each
 * reads the same definition of open, major, supervised and overdue.
 */
type HDb = Database & { h: Database['hazards'] };
type HEb = ExpressionBuilder<HDb, 'h'>;

/** An active supervision (挂牌督办) on the hazard. */
export const supervisedPredicate = (eb: HEb) =>
  eb.exists(
    eb
      .selectFrom('hazard_supervisions as s')
      .select('s.id')
      .whereRef('s.hazard_id', '=', 'h.id')
      .where('s.removed_at', 'is', null),
  );

// Literals, not parameters: a planner proves a partial index (0005, 0007) applies only from a constant.
export const isOpen = (eb: HEb) => eb('h.state', '<>', sql.lit('closed'));
export const isMajor = (eb: HEb) => eb('h.level', '=', sql.lit('major'));

/** Overdue is derived: past the time limit's last second and not closed. */
export const overduePredicate = (nowIso: string) => (eb: HEb) =>
  eb.and([isOpen(eb), eb('h.due_at', 'is not', null), eb('h.due_at', '<', nowIso)]);
