import type { FormDefinition } from '../forms/definition';
import { type EvidenceFormOptions, evidenceForm } from '../forms/evidence-form';
import { ACCOUNT_CHANGE_WORKFLOW } from './account-change';
import { EVALUATOR_KINDS, HAZARD_WORKFLOW, PRODUCTION_STOPS, ROOT_CAUSE_CATEGORIES } from './hazard';
import { OBLIGATION_WORKFLOW } from './obligation';
import type { ActionOf, AnyWorkflow } from './workflow';

/**
 * What a workflow's action forms say beyond the evidence schemas: the Chinese labels of each
 * enumeration's values, labels the shared table lacks, and headings that split a long form. A
 * table with plain text, dates, money and files needs no entry here.
 */
interface FormTexts {
  labels?: EvidenceFormOptions['labels'];
  options?: EvidenceFormOptions['options'];
  /** Per action: headings by the key of the field that starts each part. */
  sections?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const TEXTS = new Map<AnyWorkflow, FormTexts>([
  [
    HAZARD_WORKFLOW,
    {
      options: {
        evaluatorKind: EVALUATOR_KINDS,
        rootCauseCategory: ROOT_CAUSE_CATEGORIES,
        scope: PRODUCTION_STOPS,
      },
      sections: {
        plan: { responsibleUnit: '五落实：责任、措施、资金、时限和预案', goal: '重大事故隐患治理方案' },
      },
    },
  ],
  [OBLIGATION_WORKFLOW, { labels: { comment: '审核意见' } }],
  [ACCOUNT_CHANGE_WORKFLOW, { labels: { comment: '审批意见', reason: '驳回理由' } }],
]);

const made = new WeakMap<AnyWorkflow, Map<string, FormDefinition>>();

/**
 * The form of one action of a workflow table: its evidence described for the one form renderer.
 * Made once per action (the tables never change at run time). Throws for an action whose body is
 * a form of the record's own (an obligation's submission carries its duty's deliverable form).
 */
export function actionForm<W extends AnyWorkflow>(workflow: W, action: ActionOf<W>): FormDefinition {
  const forms = made.get(workflow) ?? new Map<string, FormDefinition>();
  made.set(workflow, forms);
  const known = forms.get(action);
  if (known) return known;
  const texts = TEXTS.get(workflow) ?? {};
  const spec = workflow.actions[action];
  if (!spec) throw new Error(`no action ${action} in the ${workflow.record} workflow`);
  const form = evidenceForm(spec.evidence, {
    key: action,
    title: spec.label,
    labels: texts.labels,
    options: texts.options,
    sections: texts.sections?.[action],
  });
  forms.set(action, form);
  return form;
}
