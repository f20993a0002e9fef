import { describe, expect, it } from 'vitest';
import { type FormDefinition, type FormField, ZFormDefinition } from '../forms/definition';
import { validateForm } from '../forms/validate';
import * as domain from '../index';
import { actionForm, actionFormsOf } from './action-forms';
import { HAZARD_WORKFLOW } from './hazard';
import { OBLIGATION_WORKFLOW } from './obligation';
import type { AnyWorkflow } from './workflow';

/** Every workflow table the domain exports: a new table is checked here without a word. */
const isWorkflow = (v: unknown): v is AnyWorkflow =>
  typeof v === 'object' && v !== null && 'actions' in v && 'states' in v && 'record' in v;
const TABLES = Object.entries(domain).flatMap(([name, v]): [string, AnyWorkflow][] =>
  isWorkflow(v) ? [[name, v]] : [],
);

/** Actions whose body is a form of the record's own: an obligation's submission is its duty's deliverable form. */
const OWN_FORMS = new Map<AnyWorkflow, readonly string[]>([[OBLIGATION_WORKFLOW, ['submit', 'record']]]);

/** Every field a user reads a label of, those inside groups and rows too. */
const labelled = (form: FormDefinition): FormField[] =>
  form.fields.flatMap((f): FormField[] => (f.type === 'group' || f.type === 'rows' ? [f, ...f.fields] : [f]));

const cases = TABLES.flatMap(([name, table]) =>
  Object.keys(table.actions)
    .filter((action) => !OWN_FORMS.get(table)?.includes(action))
    .map((action) => [`${name}.${action}`, table, action] as const),
);

describe('every action of every workflow table has a form', () => {
  it('finds the tables', () => {
    expect(TABLES.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'CAMPAIGN_WORKFLOW',
        'HAZARD_WORKFLOW',
        'NOTICE_SIGN_OFF_WORKFLOW',
        'OBLIGATION_WORKFLOW',
      ]),
    );
  });

  it.each(cases)('%s: titled by the action, labelled in Chinese, valid', (_name, table, action) => {
    const form = actionForm(table, action);
    expect(form.key).toBe(action);
    expect(form.title).toBe(table.actions[action]?.label);
    for (const field of labelled(form)) {
      // A label that is still the key (or any Latin word) would reach a user as it is.
      expect(field.label, `${action}.${field.key}`).toMatch(/^[^A-Za-z]+$/);
      if (field.type === 'single' || field.type === 'multi') {
        for (const o of field.options)
          expect(o.label, `${action}.${field.key}=${o.value}`).toMatch(/^[^A-Za-z]+$/);
      }
    }
    if (form.fields.length > 0) expect(ZFormDefinition.safeParse(form).error).toBeUndefined();
  });

  it.each(cases)('%s: what the form marks required is what the server requires', (_name, table, action) => {
    const form = actionForm(table, action);
    const evidence = table.actions[action]!.evidence;
    const missing = evidence.safeParse({}).error?.issues.map((i) => i.path.join('.')) ?? [];
    const required = form.fields.filter((f) => f.required).map((f) => f.key);
    expect(required.sort()).toEqual(missing.sort());
  });

  it('an action whose body is a form of its own has none made from its schema', () => {
    expect(() => actionForm(OBLIGATION_WORKFLOW, 'submit')).toThrow(/values/);
  });
});

describe("the forms beside a record's actions", () => {
  it('keep the order of the actions, each labelled as the table says', () => {
    const forms = actionFormsOf(HAZARD_WORKFLOW, ['grantExtension', 'refuseExtension']);
    expect(forms.map((f) => [f.action, f.label])).toEqual([
      ['grantExtension', '同意延期'],
      ['refuseExtension', '不同意延期'],
    ]);
    expect(forms[1]?.form).toBe(actionForm(HAZARD_WORKFLOW, 'refuseExtension'));
  });

  it('leave out a submission, whose body is the form of the record itself', () => {
    expect(actionFormsOf(OBLIGATION_WORKFLOW, ['submit'])).toEqual([]);
    expect(actionFormsOf(OBLIGATION_WORKFLOW, ['record'])).toEqual([]);
  });

  it("an obligation's review: one comment, optional to accept, required to return, with the same hint", () => {
    const [accept, back] = actionFormsOf(OBLIGATION_WORKFLOW, ['accept', 'return']);
    const hint = '退回时须说明原因；通过时可不填';
    expect(accept?.form.fields).toEqual([
      expect.objectContaining({ key: 'comment', label: '审核意见', required: false, help: hint }),
    ]);
    expect(back?.form.fields).toEqual([
      expect.objectContaining({ key: 'comment', label: '审核意见', required: true, help: hint }),
    ]);
    expect(OBLIGATION_WORKFLOW.actions.return.evidence.safeParse({}).error?.issues[0]?.message).toBe(
      '退回时须说明原因',
    );
  });
});

describe('the hazard loop as forms', () => {
  const hazard = (action: keyof typeof HAZARD_WORKFLOW.actions) => actionForm(HAZARD_WORKFLOW, action);
  const field = (form: FormDefinition, key: string) => form.fields.find((f) => f.key === key);

  it('the 五落实 plan: one line, boxes, money in 元, a date, files, and its two parts', () => {
    const plan = hazard('plan');
    expect(plan.fields.map((f) => [f.key, f.type, f.required, f.section ?? ''])).toEqual([
      ['responsibleUnit', 'text', true, '五落实：责任、措施、资金、时限和预案'],
      ['responsiblePerson', 'text', true, ''],
      ['measures', 'textarea', true, ''],
      ['fundsYuan', 'money', true, ''],
      ['timeLimit', 'date', true, ''],
      ['contingencyPlan', 'textarea', true, ''],
      ['goal', 'textarea', true, '重大事故隐患治理方案'],
      ['methods', 'textarea', true, ''],
      ['organisation', 'textarea', true, ''],
      ['safetyMeasures', 'textarea', true, ''],
      ['planFiles', 'attachments', false, ''],
    ]);
    expect(field(plan, 'fundsYuan')?.label).toBe('整改资金（元）');
    expect(field(plan, 'responsibleUnit')).toMatchObject({ maxLength: 100 });
    expect(field(plan, 'planFiles')).toMatchObject({ label: '治理方案文件', maxFiles: 10 });
    // The general hazard's plan has no parts, and its unit and funds may be left out.
    const general = hazard('startRectification');
    expect(general.fields.filter((f) => !f.required).map((f) => f.key)).toEqual([
      'responsibleUnit',
      'fundsYuan',
    ]);
    expect(general.fields.some((f) => f.section)).toBe(false);
  });

  it('enumerations offer their Chinese labels in a dropdown', () => {
    expect(field(hazard('evaluate'), 'evaluatorKind')).toEqual({
      key: 'evaluatorKind',
      label: '评估方式',
      required: true,
      type: 'single',
      dropdown: true,
      options: [
        { value: 'own_experts', label: '本单位技术人员和专家' },
        { value: 'agency', label: '具备资质的安全评价机构' },
      ],
    });
    expect(field(hazard('orderStop'), 'scope')).toMatchObject({
      options: [
        { value: 'area', label: '局部停产' },
        { value: 'mine', label: '全矿停产' },
      ],
    });
    expect(field(hazard('close'), 'rootCauseCategory')).toMatchObject({ label: '原因分类', required: true });
  });

  it('files are required where at least one is', () => {
    expect(field(hazard('declareRectified'), 'files')).toMatchObject({ required: true, maxFiles: 20 });
    expect(field(hazard('reportProgress'), 'photos')).toMatchObject({ required: false, maxFiles: 20 });
    expect(field(hazard('evaluate'), 'reportFiles')).toMatchObject({ label: '评估报告', required: true });
  });

  it('the reward and the penalty at closure are optional groups with their own required fields', () => {
    const close = hazard('close');
    expect(field(close, 'finderReward')).toEqual({
      key: 'finderReward',
      label: '对发现人的奖励',
      required: false,
      type: 'group',
      fields: [
        { key: 'recipient', label: '受奖人', required: true, type: 'text', maxLength: 60 },
        { key: 'amountYuan', label: '金额（元）', required: true, type: 'money', max: 1e10 },
        { key: 'note', label: '说明', required: false, type: 'textarea', maxLength: 500 },
      ],
    });
    expect(field(close, 'penalty')).toMatchObject({ type: 'group', required: false });
  });

  it('what the form cleans from its inputs is a body the server accepts', () => {
    const close = hazard('close');
    const { values } = validateForm(close, {
      verificationNote: ' 现场核查符合要求 ',
      rootCauseCategory: 'management',
      rootCause: '制度执行不到位',
      finderReward: { recipient: '', amountYuan: null },
      penalty: { person: '张三', measure: '通报批评' },
    });
    expect(values).toEqual({
      verificationNote: '现场核查符合要求',
      rootCauseCategory: 'management',
      rootCause: '制度执行不到位',
      penalty: { person: '张三', measure: '通报批评' },
    });
    expect(HAZARD_WORKFLOW.actions.close.evidence.safeParse(values).success).toBe(true);
  });

  it('an action without a body has a form without fields', () => {
    const [, campaign] = TABLES.find(([name]) => name === 'CAMPAIGN_WORKFLOW')!;
    expect(actionForm(campaign, 'activate').fields).toEqual([]);
  });

  it('a form is made once per action', () => {
    expect(hazard('plan')).toBe(hazard('plan'));
  });
});
