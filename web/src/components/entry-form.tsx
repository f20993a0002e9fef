import { Form, type FormProps } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';

/** Inputs where Enter means "press this", not "I have finished typing". */
const PRESSABLE = new Set(['submit', 'button', 'reset', 'checkbox', 'radio', 'file', 'image']);

/**
 * Keeps Enter in a one-line field from submitting its form. It runs as the event leaves the field,
 * so the field has already used Enter (a date picker takes the typed date, a select its option);
 * only the browser's implicit submission is stopped. A textarea keeps Enter as a new line.
 */
export function stopEnterSubmit(event: KeyboardEvent<HTMLFormElement>): void {
  const target = event.target;
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  if (target instanceof HTMLInputElement && !PRESSABLE.has(target.type)) event.preventDefault();
}

/**
 * The form of every page that creates or changes a record: sent only by its button, never by Enter
 * in a field (a half-filled registration must not go out). Sign-in and search forms keep Enter.
 */
export function EntryForm<V>({
  onKeyDown,
  ...props
}: Omit<FormProps<V>, 'children'> & { children?: ReactNode }) {
  return (
    <Form<V>
      {...props}
      onKeyDown={(event) => {
        stopEnterSubmit(event);
        onKeyDown?.(event);
      }}
    />
  );
}
