import { describe, expect, it } from 'vitest';
import { FORMS_2024 } from '../catalog/forms-2024';
import { ZFormDefinition } from './definition';
import { validateForm } from './validate';

const form = (key: string) => FORMS_2024.find((f) => f.key === key)!;

describe('the shipped forms', () => {
  it.each(FORMS_2024.map((f) => [f.key, f]))('%s is a valid definition', (_key, f) => {
    expect(ZFormDefinition.safeParse(f).error).toBeUndefined();
  });

  it('the summary report has the six required sections', () => {
    expect(
      form('summary_report')
        .fields.filter((f) => f.required)
        .map((f) => f.label),
    ).toEqual(['总体情况', '好的做法', '存在的主要问题', '典型案例', '采取的工作措施', '工作建议']);
  });
});

describe('validateForm', () => {
  const principal = form('principal_duty_selfcheck');

  it('names each missing required field in Chinese', () => {
    const { problems } = validateForm(principal, { oneTeam: 'yes' });
    expect(problems.map((p) => p.field)).toEqual(['chairman', 'summary']);
    expect(problems[1]?.message).toBe('履职自查情况：必填');
  });

  it('a draft may leave required fields empty but not malformed', () => {
    expect(validateForm(principal, { oneTeam: 'yes' }, { draft: true }).problems).toEqual([]);
    const bad = validateForm(principal, { oneTeam: 'maybe' }, { draft: true });
    expect(bad.problems).toEqual([
      { field: 'oneTeam', message: '是否只配备一套以矿长为首的领导班子：请从选项中选择' },
    ]);
  });

  it('checks repeating rows cell by cell', () => {
    const { problems } = validateForm(principal, {
      oneTeam: 'yes',
      chairman: 'none',
      summary: '自查情况',
      rectifications: [{ problem: '问题一', measure: '措施', dueOn: '2024-13-01', owner: '张三' }],
    });
    expect(problems).toEqual([
      { field: 'rectifications.0.dueOn', message: '问题及整改第1行 完成时限：日期格式应为YYYY-MM-DD' },
    ]);
  });

  it('a checklist item found with a problem must say what and how it is fixed', () => {
    const review = form('eight_measures_review');
    const checks = Object.fromEntries(
      (review.fields[0] as { items: { key: string }[] }).items.map((i) => [i.key, { result: 'ok' }]),
    );
    checks.one_team = { result: 'problem' };
    const { problems } = validateForm(review, { checks, summary: '本月情况' });
    expect(problems.map((p) => p.field)).toEqual(['checks.one_team.note']);
  });

  it('drops unknown keys and trims text', () => {
    const { values, problems } = validateForm(form('campaign_contacts'), {
      leaderName: ' 张三 ',
      leaderPhone: '13900000000',
      liaisonName: '李四',
      liaisonPhone: '13900000001',
      extra: 'x',
    });
    expect(problems).toEqual([]);
    expect(values).toEqual({
      leaderName: '张三',
      leaderPhone: '13900000000',
      liaisonName: '李四',
      liaisonPhone: '13900000001',
    });
  });

  it('numbers respect integer and bounds', () => {
    const { problems } = validateForm(form('major_hazard_investigation'), {
      investigatedOn: '2024-08-20',
      scope: '全矿井',
      participants: '总工程师等',
      majorHazardsFound: -1.5,
    });
    expect(problems.map((p) => p.message)).toEqual(['发现重大事故隐患数：应为整数']);
  });
});
