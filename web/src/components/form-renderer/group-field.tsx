import type { FormDefinition, FormField } from '@tiegui/domain';
import { Divider } from 'antd';
import { LeafFormItems } from './leaf-field';

type Group = Extract<FormField, { type: 'group' }>;

/**
 * Fields that travel together under one key (`finderReward.amountYuan`). An optional group says
 * so in its heading and marks nothing required: it is needed only once something in it is filled.
 */
export function GroupField({ definition, field }: { definition: FormDefinition; field: Group }) {
  return (
    <div>
      <Divider orientation="left" plain>
        {field.required ? field.label : `${field.label}（如适用）`}
      </Divider>
      <LeafFormItems
        definition={definition}
        fields={field.fields}
        name={[field.key]}
        path={field.key}
        required={(sub) => field.required && sub.required}
      />
    </div>
  );
}
