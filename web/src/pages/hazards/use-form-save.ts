import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { applyServerErrors } from '../../api/form-errors';

/** The same error with each field the server named renamed, for a form whose names differ. */
export function renameFields(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) => ({ ...f, field: rename(f.field) }));
  return new ApiError(error.status, error.code, error.message, fields);
}

type Options<V, R> = {
  save: (values: V) => Promise<R>;
  onSuccess: (saved: R) => void;
  /** Renames the server's fields to this form's names (default: as they are). */
  rename?: (field: string) => string;
  /**
   * Whether the values may go to the server: only blank required fields stop a save (their rules
   * say so at the field); every other judgement is the server's.
   */
  ready: (values: V) => boolean;
};

/**
 * A form's save: `submit` sends the whole form once `ready`; what the server says about a field lands
 * at the field, and whatever lands nowhere is `error`, for an alert above the form.
 */
export function useFormSave<V, R>(form: FormInstance, { save, onSuccess, rename, ready }: Options<V, R>) {
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: save,
    onMutate: () => setError(null),
    onSuccess,
    onError: (err) => {
      const unplaced = applyServerErrors(form, rename ? renameFields(err, rename) : err);
      if (unplaced.length > 0) setError(unplaced.join('；'));
    },
  });
  const submit = () => {
    const values = form.getFieldsValue(true) as V;
    if (ready(values)) mutation.mutate(values);
  };
  return { mutation, error, submit };
}
