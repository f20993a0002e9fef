import { describe, expect, it } from 'vitest';
import { FORMS_2024 } from '../catalog/forms-2024';
import { type FormDefinition, ZFormDefinition } from './definition';
import { fileRefsOf, validateForm } from './validate';

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

  it('a number or an amount is a number or numeric text, never a list or a yes/no (which Number() would turn into one)', () => {
    const counts = ZFormDefinition.parse({
      key: 'counts',
      title: '数量',
      version: 1,
      fields: [
        { key: 'count', label: '数量', type: 'number', integer: true },
        { key: 'funds', label: '资金', type: 'money' },
      ],
    });
    expect(validateForm(counts, { count: '3', funds: 12.5 }).problems).toEqual([]);
    for (const wrong of [[5], [[[]]], true])
      expect(validateForm(counts, { count: wrong, funds: wrong }).problems).toEqual([
        { field: 'count', message: '数量：应为数字' },
        { field: 'funds', message: '资金：应为金额' },
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

  it('a date must be a day the calendar has', () => {
    const row = { problem: '问题一', measure: '措施', owner: '张三' };
    for (const dueOn of ['2024-02-30', '2023-02-29']) {
      const { problems } = validateForm(principal, {
        oneTeam: 'yes',
        chairman: 'none',
        summary: '自查情况',
        rectifications: [{ ...row, dueOn }],
      });
      expect(problems).toEqual([
        { field: 'rectifications.0.dueOn', message: '问题及整改第1行 完成时限：日期无效' },
      ]);
    }
    const leap = validateForm(principal, {
      oneTeam: 'yes',
      chairman: 'none',
      summary: '自查情况',
      rectifications: [{ ...row, dueOn: '2024-02-29' }],
    });
    expect(leap.problems).toEqual([]);
  });

  it('a checklist result is one of its options: no name every object inherits', () => {
    const review = form('eight_measures_review');
    const items = (review.fields[0] as { items: { key: string }[] }).items;
    for (const result of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'OK', 'maybe']) {
      const checks = Object.fromEntries(items.map((i) => [i.key, { result: 'ok' }]));
      checks.one_team = { result };
      const { problems, values } = validateForm(review, { checks, summary: '本月情况' });
      expect(problems, result).toEqual([
        { field: 'checks.one_team.result', message: expect.stringContaining('检视结果不正确') },
      ]);
      expect(Object.hasOwn(values.checks as object, 'one_team')).toBe(false);
    }
  });

  it('reads only what the values hold: a field named like an inherited member is still missing', () => {
    const odd: FormDefinition = {
      key: 'odd',
      title: '字段名与内置成员同名',
      version: 1,
      fields: [
        { key: 'constructor', label: '名称', type: 'text', required: true, maxLength: 20 },
        {
          key: 'toString',
          label: '类别',
          type: 'single',
          required: false,
          options: [{ value: 'a', label: '甲' }],
        },
      ],
    };
    expect(validateForm(odd, {}).problems).toEqual([{ field: 'constructor', message: '名称：必填' }]);
    expect(validateForm(odd, { constructor: '甲矿', toString: 'a' })).toEqual({
      values: { constructor: '甲矿', toString: 'a' },
      problems: [],
    });
  });

  it('a row that is a list or a text is refused, in a draft too, not kept as an empty row', () => {
    for (const row of [[['问题一']], '问题一'])
      expect(validateForm(principal, { rectifications: [row] }, { draft: true }).problems).toEqual([
        { field: 'rectifications.0', message: '问题及整改第1行：格式不正确' },
      ]);
  });

  it('a checklist note that is not text is refused, in a draft too, not dropped', () => {
    const review = form('eight_measures_review');
    for (const note of [5, ['说明'], { text: '说明' }, true]) {
      const checks = { one_team: { result: 'problem', note } };
      expect(validateForm(review, { checks }, { draft: true }).problems).toEqual([
        { field: 'checks.one_team.note', message: expect.stringContaining('说明格式不正确') },
      ]);
    }
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

describe('money and optional groups', () => {
  const closure: FormDefinition = {
    key: 'closure',
    title: '销号',
    version: 1,
    fields: [
      { key: 'fundsYuan', label: '整改资金（元）', type: 'money', required: true, max: 1e10 },
      {
        key: 'finderReward',
        label: '对发现人的奖励',
        type: 'group',
        required: false,
        fields: [
          { key: 'recipient', label: '受奖人', type: 'text', required: true, maxLength: 60 },
          { key: 'amountYuan', label: '金额（元）', type: 'money', required: true },
          { key: 'proof', label: '凭证', type: 'attachments', required: false, maxFiles: 2 },
        ],
      },
    ],
  };

  it('money is 元 with at most two decimals and never negative', () => {
    expect(validateForm(closure, { fundsYuan: 185000.25 }).problems).toEqual([]);
    expect(validateForm(closure, { fundsYuan: 0.1 + 0.2 }).problems).toEqual([]);
    expect(validateForm(closure, { fundsYuan: 1.005 }).problems.map((p) => p.message)).toEqual([
      '整改资金（元）：金额最多保留两位小数',
    ]);
    expect(validateForm(closure, { fundsYuan: -1 }).problems.map((p) => p.message)).toEqual([
      '整改资金（元）：金额不能为负数',
    ]);
    expect(validateForm(closure, { fundsYuan: 2e10 }).problems.map((p) => p.message)).toEqual([
      '整改资金（元）：金额过大',
    ]);
  });

  it('a group left blank is not sent; one begun needs its required fields, each at its path', () => {
    const blank = validateForm(closure, { fundsYuan: 1, finderReward: { recipient: ' ', amountYuan: null } });
    expect(blank).toEqual({ values: { fundsYuan: 1 }, problems: [] });
    const begun = validateForm(closure, { fundsYuan: 1, finderReward: { recipient: ' 李四 ' } });
    expect(begun.values).toEqual({ fundsYuan: 1, finderReward: { recipient: '李四' } });
    expect(begun.problems).toEqual([
      { field: 'finderReward.amountYuan', message: '对发现人的奖励 金额（元）：必填' },
    ]);
  });

  it('files inside a group are found with their path', () => {
    const values = {
      finderReward: { recipient: '李四', amountYuan: 500, proof: [{ id: 'f1', name: '凭证.pdf' }] },
    };
    expect(fileRefsOf(closure, validateForm(closure, values).values)).toEqual([
      { path: 'finderReward.proof.0', id: 'f1' },
    ]);
  });

  it('a definition may hold both', () => {
    expect(ZFormDefinition.safeParse(closure).error).toBeUndefined();
  });
});

describe('attachment references', () => {
  const form: FormDefinition = {
    key: 'evidence',
    title: '佐证',
    version: 1,
    fields: [{ key: 'files', label: '佐证材料', type: 'attachments', required: true, maxFiles: 3 }],
  };

  it('refuses a file name past the stored names’ length, in a draft too, naming the field', () => {
    const files = [{ id: '01J00000000000000000000000', name: `${'长'.repeat(201)}.pdf` }];
    for (const draft of [false, true]) {
      expect(validateForm(form, { files }, { draft }).problems).toEqual([
        { field: 'files', message: '佐证材料：附件名称不能超过200个字' },
      ]);
    }
    const fits = [{ id: '01J00000000000000000000000', name: `${'长'.repeat(196)}.pdf` }];
    expect(validateForm(form, { files: fits }).problems).toEqual([]);
  });

  it('refuses an id no file has', () => {
    const files = [{ id: 'x'.repeat(1_000_000), name: 'a.pdf' }];
    expect(validateForm(form, { files }).problems).toEqual([
      { field: 'files', message: '佐证材料：附件格式不正确' },
    ]);
  });
});
