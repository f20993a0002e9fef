import { describe, expect, it } from 'vitest';
import { roleChangeProblem, rolesProblem } from '../access/roles';
import { ACCOUNT_CHANGE_WORKFLOW, approvalsFor, approverFor } from './account-change';
import { actionOpen, guardProblemOf } from './workflow';

const facts = (byRequester: boolean, byTarget = false) => ({ byRequester, byTarget });

describe('the account change table (三员)', () => {
  it('no approving action is open to the requester, whatever the party check said', () => {
    for (const action of ['approve', 'approveFirst', 'approveSecond', 'reject', 'rejectSecond'] as const)
      expect(guardProblemOf(ACCOUNT_CHANGE_WORKFLOW, action, facts(true)), action).toBe(
        '不能审批本人提交的申请',
      );
    expect(guardProblemOf(ACCOUNT_CHANGE_WORKFLOW, 'withdraw', facts(true))).toBeNull();
  });

  it('nobody approves a change of their own account; an auditor may consent to its own deactivation', () => {
    expect(guardProblemOf(ACCOUNT_CHANGE_WORKFLOW, 'approve', facts(false, true))).toBe(
      '不能审批本人账号的变更',
    );
    expect(guardProblemOf(ACCOUNT_CHANGE_WORKFLOW, 'approveSecond', facts(false, true))).toBeNull();
  });

  it('a two-approval request takes the first approval, then the confirmation; one approval does not do', () => {
    const at = (state: 'pending' | 'confirming', kind: 'single' | 'dual') => ({
      state,
      kind,
      facts: facts(false),
    });
    expect(actionOpen(ACCOUNT_CHANGE_WORKFLOW, 'approve', at('pending', 'dual'))).toBe(false);
    expect(actionOpen(ACCOUNT_CHANGE_WORKFLOW, 'approveFirst', at('pending', 'dual'))).toBe(true);
    expect(ACCOUNT_CHANGE_WORKFLOW.actions.approveFirst.to).toBe('confirming');
    expect(actionOpen(ACCOUNT_CHANGE_WORKFLOW, 'approveSecond', at('confirming', 'dual'))).toBe(true);
    expect(actionOpen(ACCOUNT_CHANGE_WORKFLOW, 'approveFirst', at('pending', 'single'))).toBe(false);
  });
});

describe('who approves', () => {
  it('the security administrator, the auditor when a security administrator is concerned', () => {
    expect(approverFor([], ['regulator_officer'])).toBe('sec_admin');
    expect(approverFor([], ['audit_admin'])).toBe('sec_admin');
    expect(approverFor([], ['sec_admin'])).toBe('audit_admin');
    expect(approverFor(['sec_admin'], ['sec_admin'])).toBe('audit_admin');
    expect(approverFor(['sys_admin'], ['sys_admin'])).toBe('sec_admin');
  });

  it('two approvals only to deactivate an audit administrator', () => {
    expect(approvalsFor('deactivate', ['audit_admin'])).toBe('dual');
    expect(approvalsFor('deactivate', ['sec_admin'])).toBe('single');
    expect(approvalsFor('reactivate', ['audit_admin'])).toBe('single');
    expect(approvalsFor('create', [])).toBe('single');
  });
});

describe('roles an account may hold and be given', () => {
  it('one administrator role, alone', () => {
    expect(rolesProblem(['sec_admin', 'audit_admin'], 'province')).toContain('分设');
    expect(rolesProblem(['audit_admin', 'regulator_officer'], 'province')).toContain('分设');
    expect(rolesProblem(['audit_admin'], 'province')).toBeNull();
  });

  it('an administrator keeps its role; an existing account gets none', () => {
    expect(roleChangeProblem(['sec_admin'], ['audit_admin'])).toContain('安全管理员账号的角色不能变更');
    expect(roleChangeProblem(['audit_admin'], ['regulator_officer'])).toContain('不能变更');
    expect(roleChangeProblem(['regulator_officer'], ['sys_admin'])).toContain('管理员账号须单独新建');
    expect(roleChangeProblem(['regulator_officer'], ['inspector'])).toBeNull();
    expect(roleChangeProblem(['sys_admin'], ['sys_admin'])).toBeNull();
  });
});
