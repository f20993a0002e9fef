/** The Chinese name of each field users can send, so a 400 names the field the way the form does. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  displayName: '姓名',
  phone: '电话',
  roles: '角色',
  orgId: '所属单位',
  parentId: '上级单位',
  kind: '单位类型',
  name: '名称',
  shortName: '简称',
  regionCode: '行政区划代码',
  coveredRegions: '监察范围',
  uscc: '统一社会信用代码',
  category: '矿山类别',
  mineType: '矿山类型',
  status: '生产状态',
  designCapacity: '设计生产能力',
  gasGrade: '瓦斯等级',
  hydroType: '水文地质类型',
  rockBurst: '冲击地压危险性',
  combustionTendency: '煤层自燃倾向性',
  principalName: '矿长姓名',
  principalPhone: '矿长电话',
  directorIsChairman: '矿长兼任董事长',
  supervisorOrgId: '监管部门',
  divisionOrgId: '监察执法处',
  groupOrgId: '上级公司',
  address: '地址',
  longitude: '经度',
  latitude: '纬度',
  cursor: '分页游标',
  limit: '每页条数',
  q: '搜索词',
  sort: '排序',
  from: '开始时间',
  to: '结束时间',
  action: '操作',
  active: '启用状态',
};

export function fieldLabel(path: readonly PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = names[names.length - 1];
  if (!last) return '请求';
  return FIELD_LABELS[last] ?? last;
}
