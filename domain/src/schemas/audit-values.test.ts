import { describe, expect, it } from 'vitest';
import { auditActorLabel, auditChangeLines } from './audit-present';
import { apiFunctionName } from './audit-routes';
import { auditValueWords } from './audit-values';

describe('recorded values in words', () => {
  it('labels a state by the workflow of the event’s record kind', () => {
    expect(auditValueWords('to', 'rectifying', { entityType: 'hazard' })).toBe('整改中');
    expect(auditValueWords('to', 'signed', { entityType: 'notice' })).toBe('已签收');
    expect(auditValueWords('from', 'draft', { entityType: 'campaign' })).toBe('草稿');
    expect(auditValueWords('action', 'declareRectified', { entityType: 'hazard' })).not.toBe(
      'declareRectified',
    );
  });

  it('labels roles, enumerations, audit actions and error codes; yes/no as 是/否', () => {
    expect(auditChangeLines({ roles: ['inspector', 'regulator_officer'] })).toEqual([
      expect.stringMatching(/：执法人员、监管人员$/),
    ]);
    expect(auditValueWords('level', 'major')).toBe('重大事故隐患');
    expect(auditValueWords('level', 'county')).toBe('县级挂牌督办');
    expect(auditValueWords('action', 'mine.updated')).not.toBe('mine.updated');
    expect(auditChangeLines({ late: true, recorded: false })).toEqual(['逾期报送：是', '已记录：否']);
    expect(auditChangeLines({ filter: { entityType: 'mine', sort: '-foundOn' } })).toEqual([
      expect.stringMatching(/^筛选条件：.+：矿山，.+：发现日期从新到旧$/),
    ]);
  });

  it('a mine’s status or a refusal’s HTTP status, by the event', () => {
    expect(auditValueWords('status', 'suspended_rectification', { entityType: 'mine' })).not.toMatch(/[a-z]/);
    expect(auditValueWords('status', 403)).toBe('无权限（403）');
  });

  it('names a record for its id, a route by its page without its query, an instant in Beijing time', () => {
    expect(auditValueWords('mineId', '01MINE', { names: { '01MINE': '代县示例东山煤矿' } })).toBe(
      '代县示例东山煤矿',
    );
    expect(auditChangeLines({ method: 'GET', url: '/api/notices?box=inbox&limit=50' })).toEqual([
      '请求方法：查看',
      '页面或功能：通知公文（收文）',
    ]);
    expect(auditValueWords('from', '2026-12-06T13:30:00.000Z')).toBe('2026-12-06 21:30:00');
    expect(apiFunctionName('POST', '/hazards/{id}/actions/{action}')).toBe('办理隐患');
  });

  it('names the server’s own work as 系统, a user by username', () => {
    expect(auditActorLabel('system')).toMatch(/^系统/);
    expect(auditActorLabel('dx-mine')).toBe('dx-mine');
    expect(auditActorLabel(null)).toBe('—');
  });

  it('leaves a value of no known kind as recorded, and never reads an inherited name', () => {
    expect(auditValueWords('username', 'dx-mine')).toBe('dx-mine');
    expect(auditValueWords('level', '__proto__')).toBe('__proto__');
    expect(auditValueWords('to', 'constructor', { entityType: 'hazard' })).toBe('constructor');
  });
});
