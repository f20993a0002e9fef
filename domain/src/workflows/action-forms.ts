import type { FormDefinition } from '../forms/definition';
import { type EvidenceFormOptions, evidenceForm } from '../forms/evidence-form';
import type { WorkflowActionForm } from '../schemas/common';
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
  help?: EvidenceFormOptions['help'];
  /** Per action: headings by the key of the field that starts each part. */
  sections?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Actions whose body is a form of the record's own, filled in where the record shows it. */
  ownForm?: readonly string[];
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
  [
    OBLIGATION_WORKFLOW,
    {
      labels: { comment: '审核意见' },
      // Accepting and returning share the one comment field the reviewer sees.
      help: { comment: '退回时须说明原因；通过时可不填' },
      // The submission is the duty's deliverable form, with its drafts, in the owner's editor.
      ownForm: ['submit', 'record'],
    },
  ],
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
    help: texts.help,
    sections: texts.sections?.[action],
  });
  forms.set(action, form);
  return form;
}

/**
 * The forms of the actions a reader may take now, beside them in the same order, each with its
 * label: what a record's detail sends so the web renders them. Actions whose body is the record's
 * own form (an obligation's submission) are left out: the record's page asks for that form itself.
 */
export function actionFormsOf<W extends AnyWorkflow>(
  workflow: W,
  actions: readonly ActionOf<W>[],
): WorkflowActionForm<ActionOf<W>>[] {
  const own = TEXTS.get(workflow)?.ownForm ?? [];
  return actions
    .filter((action) => !own.includes(action))
    .map((action) => {
      const form = actionForm(workflow, action);
      return { action, label: form.title, form };
    });
}
