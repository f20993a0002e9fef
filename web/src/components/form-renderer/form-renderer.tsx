import type { FormDefinition, FormField, FormValues } from '@tiegui/domain';
import { type FormInstance, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { ChecklistField } from './checklist-field';
import { initialValuesFor } from './form-checks';
import { GroupField } from './group-field';
import { LeafFormItem } from './leaf-field';
import { RowsField } from './rows-field';
import './form-renderer.css';
import { EntryForm } from '../entry-form';

function FieldItem({
  definition,
  field,
  form,
}: {
  definition: FormDefinition;
  field: FormField;
  form: FormInstance;
}) {
  switch (field.type) {
    case 'checklist':
      return <ChecklistField definition={definition} field={field} />;
    case 'rows':
      return <RowsField definition={definition} field={field} form={form} />;
    case 'group':
      return <GroupField definition={definition} field={field} />;
    default:
      return <LeafFormItem definition={definition} field={field} name={[field.key]} path={field.key} />;
  }
}

type Props = {
  definition: FormDefinition;
  form: FormInstance;
  /** The saved values to start from (a draft or a returned version). */
  initialValues?: FormValues;
  /** Shown under the fields: the page's buttons. */
  children?: ReactNode;
};

/**
 * Renders any form definition as an antd Form whose field names are the form paths, so an error
 * for `rectifications.0.dueOn` or `checks.one_team.note` lands at that very field. Each field is
 * checked by the shared validator as it changes; the page runs the full check and sends.
 */
export function FormRenderer({ definition, form, initialValues, children }: Props) {
  return (
    <EntryForm
      form={form}
      layout="vertical"
      initialValues={initialValuesFor(definition, initialValues)}
      data-testid="form-renderer"
    >
      {definition.description && (
        <Typography.Paragraph type="secondary">{definition.description}</Typography.Paragraph>
      )}
      {definition.fields.map((field) => (
        <Fragment key={field.key}>
          {field.section && (
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {field.section}
            </Typography.Title>
          )}
          <FieldItem definition={definition} field={field} form={form} />
        </Fragment>
      ))}
      {children}
    </EntryForm>
  );
}
