import {
  COMBUSTION_TENDENCIES,
  GAS_GRADES,
  HYDRO_TYPES,
  MINE_CATEGORIES,
  MINE_STATUSES,
  MINE_TYPES,
  type MineJurisdictionField,
  ORG_KINDS,
  ROCK_BURST_LEVELS,
  USCC_MESSAGES,
  usccProblem,
  ZMineCreate,
} from '@tiegui/domain';
import { Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { RegionCascader } from '../../components/region-cascader';
import { problemRule, requiredRule, schemaRule } from '../../lib/form-rules';
import { labelOf, optionsOf } from '../../lib/labels';
import type { FormOptions } from './mine-api';

const shape = ZMineCreate.shape;

/** Fields a mine cannot be saved without; anything else the server judges. */
export const REQUIRED_MINE_FIELDS = [
  'name',
  'uscc',
  'category',
  'mineType',
  'status',
  'principalName',
  'principalPhone',
  'supervisorOrgId',
  'regionCode',
] as const;

const usccRule = problemRule((v) => {
  const problem = usccProblem(v.trim().toUpperCase());
  return problem ? USCC_MESSAGES[problem] : null;
});

type Extra = { id: string; name: string } | null;
type Props = {
  options: FormOptions | undefined;
  loading: boolean;
  keep: { supervisor: Extra; division: Extra; group: Extra };
  /** Fields the server says this user may not change (`Mine.lockedFields`): shown read-only. */
  locked?: readonly MineJurisdictionField[];
};

const LOCKED_TIP = '由监管部门维护，本单位不能修改';

/** Keeps the record's current choice selectable even when it is outside the offered options. */
function withCurrent(options: { value: string; label: string }[], current: Extra) {
  if (!current || options.some((o) => o.value === current.id)) return options;
  return [{ value: current.id, label: current.name }, ...options];
}

const Cell = ({ children, wide }: { children: ReactNode; wide?: boolean }) => (
  <Col xs={24} md={wide ? 24 : 12} xl={wide ? 24 : 8}>
    {children}
  </Col>
);

export function MineFormFields({ options, loading, keep, locked = [] }: Props) {
  const form = Form.useFormInstance();
  const isLocked = (field: MineJurisdictionField) => locked.includes(field);
  const lockedTip = (field: MineJurisdictionField) => (isLocked(field) ? { tooltip: LOCKED_TIP } : {});
  const category = Form.useWatch('category', form);
  const selectEnum = (labels: Record<string, string>, clear = false, disabled = false) => (
    <Select allowClear={clear} placeholder="请选择" options={optionsOf(labels)} disabled={disabled} />
  );

  const supervisors = withCurrent(
    (options?.supervisors ?? []).map((s) => ({
      value: s.id,
      label: `${s.name}（${labelOf(ORG_KINDS, s.kind)}）`,
    })),
    keep.supervisor,
  );
  const divisions = withCurrent(
    (options?.divisions ?? []).map((d) => ({ value: d.id, label: d.name })),
    keep.division,
  );
  const groups = withCurrent(
    (options?.groups ?? []).map((g) => ({ value: g.id, label: g.name })),
    keep.group,
  );

  return (
    <>
      <Divider orientation="left">基本信息</Divider>
      <Row gutter={16}>
        <Cell>
          <Form.Item label="名称" name="name" rules={[requiredRule('请填写名称'), schemaRule(shape.name)]}>
            <Input maxLength={100} />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item
            label="统一社会信用代码"
            name="uscc"
            {...lockedTip('uscc')}
            normalize={(v: string | undefined) => v?.toUpperCase()}
            rules={[requiredRule('请填写统一社会信用代码'), usccRule]}
          >
            <Input maxLength={18} placeholder="18位，如 91140900MA0GRXXXXX" disabled={isLocked('uscc')} />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="矿山类别" name="category" rules={[requiredRule('请选择矿山类别')]}>
            {selectEnum(MINE_CATEGORIES)}
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="矿山类型" name="mineType" rules={[requiredRule('请选择矿山类型')]}>
            {selectEnum(MINE_TYPES)}
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item
            label="生产状态"
            name="status"
            rules={[requiredRule('请选择生产状态')]}
            {...lockedTip('status')}
          >
            {selectEnum(MINE_STATUSES, false, isLocked('status'))}
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="设计生产能力" name="designCapacity" rules={[schemaRule(shape.designCapacity)]}>
            <InputNumber min={0} max={100000} style={{ width: '100%' }} addonAfter="万吨/年" />
          </Form.Item>
        </Cell>
      </Row>

      <Divider orientation="left">灾害类型</Divider>
      <Row gutter={16}>
        <Cell>
          <Form.Item
            label="瓦斯等级"
            name="gasGrade"
            extra={category && category !== 'coal' ? '瓦斯等级仅适用于煤矿' : undefined}
          >
            {selectEnum(GAS_GRADES, true)}
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="水文地质类型" name="hydroType">
            {selectEnum(HYDRO_TYPES, true)}
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="冲击地压危险性" name="rockBurst">
            {selectEnum(ROCK_BURST_LEVELS, true)}
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="煤层自燃倾向性" name="combustionTendency">
            {selectEnum(COMBUSTION_TENDENCIES, true)}
          </Form.Item>
        </Cell>
      </Row>

      <Divider orientation="left">主要负责人</Divider>
      <Row gutter={16}>
        <Cell>
          <Form.Item
            label="矿长姓名"
            name="principalName"
            rules={[requiredRule('请填写矿长姓名'), schemaRule(shape.principalName)]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item
            label="矿长电话"
            name="principalPhone"
            rules={[requiredRule('请填写矿长电话'), schemaRule(shape.principalPhone)]}
          >
            <Input maxLength={20} />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="矿长兼任董事长" name="directorIsChairman" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Cell>
      </Row>

      <Divider orientation="left">监管关系与位置</Divider>
      <Row gutter={16}>
        <Cell>
          <Form.Item
            label="监管部门"
            name="supervisorOrgId"
            rules={[requiredRule('请选择监管部门')]}
            {...lockedTip('supervisorOrgId')}
          >
            <Select
              disabled={isLocked('supervisorOrgId')}
              showSearch
              optionFilterProp="label"
              placeholder="请选择"
              loading={loading}
              options={supervisors}
            />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item
            label="行政区划代码"
            name="regionCode"
            {...lockedTip('regionCode')}
            extra="依次选择省、市、县（市、区）"
            rules={[requiredRule('请选择行政区划'), schemaRule(shape.regionCode)]}
          >
            <RegionCascader mode="county" disabled={isLocked('regionCode')} />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="监察执法处" name="divisionOrgId" {...lockedTip('divisionOrgId')}>
            <Select
              disabled={isLocked('divisionOrgId')}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="请选择"
              loading={loading}
              options={divisions}
            />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="上级公司" name="groupOrgId" {...lockedTip('groupOrgId')}>
            <Select
              disabled={isLocked('groupOrgId')}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="无"
              loading={loading}
              options={groups}
            />
          </Form.Item>
        </Cell>
        <Cell wide>
          <Form.Item label="地址" name="address" rules={[{ max: 200, message: '地址不能超过200个字' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="经度" name="longitude" rules={[schemaRule(shape.longitude)]}>
            <InputNumber style={{ width: '100%' }} placeholder="如 112.733" />
          </Form.Item>
        </Cell>
        <Cell>
          <Form.Item label="纬度" name="latitude" rules={[schemaRule(shape.latitude)]}>
            <InputNumber style={{ width: '100%' }} placeholder="如 38.416" />
          </Form.Item>
        </Cell>
      </Row>
    </>
  );
}
