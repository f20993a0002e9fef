import type { Role } from '@tiegui/domain';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema';
import { NOTHING } from './access';
import type { Actor } from './actor';

type ChangeEb = ExpressionBuilder<Database & { c: Database['account_changes'] }, 'c'>;

/** The administrator roles that approve account changes (the approver recorded on each request). */
const APPROVING_ROLES: readonly Role[] = ['sec_admin', 'audit_admin'];

/**
 * Who sees an account change request (alias `c`): the administrator who filed it, the holders of
 * the role that approves it, and the audit administrators, who confirm some and watch them all.
 * Nobody else, so another system administrator's requests answer 404.
 */
export function accountChangeScope(actor: Pick<Actor, 'userId' | 'roles'>) {
  return (eb: ChangeEb): Expression<SqlBool> => {
    if (actor.roles.includes('audit_admin')) return sql<SqlBool>`1 = 1`;
    const approving = actor.roles.filter((r) => APPROVING_ROLES.includes(r));
    const own = eb('c.requested_by', '=', actor.userId);
    if (approving.length > 0) return eb.or([own, eb('c.approver_role', 'in', approving)]);
    return actor.roles.includes('sys_admin') ? own : NOTHING;
  };
}
