import { describe, expect, it } from 'vitest';
import { periodsOf } from '../rules/deadlines';
import { ZPlan } from '../schemas/plan';
import { PLAN_2024 } from './plan-2024';

describe('the shipped 2024 plan', () => {
  it('is a valid plan', () => {
    expect(ZPlan.safeParse(PLAN_2024).error).toBeUndefined();
  });

  it('has the seed 18 tasks, 五(二), 五(四) and the Xinzhou additions', () => {
    const numbers = PLAN_2024.tasks.map((t) => t.no);
    for (let i = 1; i <= 18; i++) expect(numbers).toContain(String(i));
    expect(numbers).toEqual(expect.arrayContaining(['五(二)', '五(四)', '忻州']));
  });

  it('sends the mine self-check reports to both lines, by 2024-09-30', () => {
    for (const key of ['t3-principal-selfcheck', 't4-management-selfcheck', 't6-concealed-face-report']) {
      const duty = PLAN_2024.duties.find((d) => d.key === key);
      expect(duty).toMatchObject({ owedBy: ['mine'], cadence: 'once', dueDate: '2024-09-30' });
      expect(duty?.recipients.sort()).toEqual(['division', 'supervisor']);
    }
  });

  it('monthly self-review: 5 periods (July merged into August), the last due 2024-12-31', () => {
    const duty = PLAN_2024.duties.find((d) => d.key === 't1-mine-monthly-review')!;
    const periods = periodsOf(duty, { start: PLAN_2024.startsOn, end: PLAN_2024.endsOn });
    expect(periods.map((p) => p.dueOn)).toEqual([
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
      '2024-11-30',
      '2024-12-31',
    ]);
  });

  it('half-yearly drills fall due 2024-12-31 within the campaign', () => {
    const duty = PLAN_2024.duties.find((d) => d.key === 't9-mine-drills')!;
    expect(periodsOf(duty, { start: PLAN_2024.startsOn, end: PLAN_2024.endsOn }).map((p) => p.dueOn)).toEqual(
      ['2024-12-31'],
    );
  });

  it('the Xinzhou county summary is due 2024-12-05 to the city, only within 1409', () => {
    const duty = PLAN_2024.duties.find((d) => d.key === 'xz-county-summary');
    expect(duty).toMatchObject({
      owedBy: ['county'],
      dueDate: '2024-12-05',
      recipients: ['supervisor'],
      regionPrefix: '1409',
    });
  });

  it('refuses a plan whose duty names a missing form or task', () => {
    const broken = {
      ...PLAN_2024,
      duties: [
        { ...PLAN_2024.duties[0]!, formKey: 'nope' },
        { ...PLAN_2024.duties[1]!, task: '99' },
      ],
    };
    const result = ZPlan.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['没有这个表单：nope', '没有这项任务：99']),
    );
  });
});
