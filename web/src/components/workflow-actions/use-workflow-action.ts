import { useMutation } from '@tanstack/react-query';
import { validateForm, type WorkflowActionForm } from '@tiegui/domain';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { showServerErrors } from '../form-renderer';

/** Where a record's actions are posted: `POST /<records>/<id>/actions/<action>`. */
export interface ActionTarget {
  records: string;
  id: string;
}

/**
 * Posts one action of a record with what the form holds, cleaned by that action's form: blanks and
 * a group left blank are not sent, text is trimmed. Nothing is refused here: the server judges the
 * body, and its 400 lands at each field it names; what names no field comes back as `error`.
 */
export function useWorkflowAction<R, A extends string>(
  target: ActionTarget,
  form: FormInstance,
  onDone: (saved: R, action: WorkflowActionForm<A>) => void,
) {
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (action: WorkflowActionForm<A>) =>
      api.post<R>(
        `/${target.records}/${encodeURIComponent(target.id)}/actions/${action.action}`,
        validateForm(action.form, form.getFieldsValue(true)).values,
      ),
    onMutate: () => setError(null),
    onSuccess: (saved, action) => onDone(saved, action),
    onError: (err) => {
      const unplaced = showServerErrors(form, err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });
  return { run, error };
}
