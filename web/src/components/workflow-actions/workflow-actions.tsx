import type { FormDefinition, FormField, WorkflowActionForm } from '@tiegui/domain';
import { Alert, Button, Form, Space } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { FormRenderer } from '../form-renderer';
import { ActionModal } from './action-modal';
import { type ActionTarget, useWorkflowAction } from './use-workflow-action';

type Props<R, A extends string> = {
  target: ActionTarget;
  /** The actions the server lets this user take now, each with its form, in its order. */
  actionForms: WorkflowActionForm<A>[];
  /** The answer of a taken action: the record as the user now sees it. */
  onDone: (saved: R, action: WorkflowActionForm<A>) => void;
  /** Actions that refuse or undo: red buttons. */
  danger?: readonly A[];
  icons?: Partial<Record<A, ReactNode>>;
  /**
   * The forms on the page, filled in once, with a button for each action below them (a review:
   * one comment that accepts or returns). By default each button opens its action's form in a dialog.
   */
  inline?: boolean;
};

type ButtonsProps<A extends string> = Pick<Props<unknown, A>, 'actionForms' | 'danger' | 'icons'> & {
  onClick: (action: WorkflowActionForm<A>) => void;
  /** The action being posted: its button spins, the others wait. */
  running?: A;
};

/** A button for each action; the first is the one expected, unless it refuses. */
function ActionButtons<A extends string>({
  actionForms,
  danger = [],
  icons,
  onClick,
  running,
}: ButtonsProps<A>) {
  return (
    <Space wrap>
      {actionForms.map((a, i) => {
        const refuses = danger.includes(a.action);
        return (
          <Button
            key={a.action}
            type={i === 0 && !refuses ? 'primary' : 'default'}
            danger={refuses}
            icon={icons?.[a.action]}
            loading={running === a.action}
            disabled={running !== undefined}
            onClick={() => onClick(a)}
          >
            {a.label}
          </Button>
        );
      })}
    </Space>
  );
}

/**
 * One form for actions that are answered from the same fields: each field once, in the order the
 * forms give them, marked required only where every action requires it (the server still judges
 * each action's own body).
 */
function sharedForm(actionForms: WorkflowActionForm[]): FormDefinition {
  const fields = new Map<string, FormField>();
  for (const { form } of actionForms) {
    for (const field of form.fields) {
      const seen = fields.get(field.key);
      fields.set(field.key, seen ? { ...seen, required: seen.required && field.required } : field);
    }
  }
  const everywhere = (key: string) => actionForms.every((a) => a.form.fields.some((f) => f.key === key));
  return {
    key: 'actions',
    title: actionForms.map((a) => a.label).join('、'),
    version: 1,
    fields: [...fields.values()].map((f) => (everywhere(f.key) ? f : { ...f, required: false })),
  };
}

/**
 * The actions of a record the server says this user may take, each from the form the server sent
 * with it, posted to `/<records>/<id>/actions/<action>`; what the server refuses lands at the field.
 */
export function WorkflowActions<R, A extends string>(props: Props<R, A>) {
  return props.inline ? <InlineActions {...props} /> : <ModalActions {...props} />;
}

function ModalActions<R, A extends string>({ target, actionForms, onDone, danger, icons }: Props<R, A>) {
  const [open, setOpen] = useState<A | null>(null);
  const action = actionForms.find((a) => a.action === open);
  return (
    <>
      <ActionButtons
        actionForms={actionForms}
        danger={danger}
        icons={icons}
        onClick={(a) => setOpen(a.action)}
      />
      {action && (
        <ActionModal
          key={action.action}
          target={target}
          action={action}
          onDone={onDone}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

function InlineActions<R, A extends string>({ target, actionForms, onDone, danger, icons }: Props<R, A>) {
  const [form] = Form.useForm();
  const definition = useMemo(() => sharedForm(actionForms), [actionForms]);
  const { run, error } = useWorkflowAction<R, A>(target, form, (saved, action) => {
    form.resetFields();
    onDone(saved, action);
  });
  return (
    <>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} role="alert" />}
      <div style={{ marginTop: 16 }}>
        <FormRenderer definition={definition} form={form}>
          <ActionButtons
            actionForms={actionForms}
            danger={danger}
            icons={icons}
            onClick={(a) => run.mutate(a)}
            running={run.isPending ? run.variables?.action : undefined}
          />
        </FormRenderer>
      </div>
    </>
  );
}
