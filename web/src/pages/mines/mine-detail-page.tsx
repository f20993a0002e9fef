import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Mine } from '@tiegui/domain';
import {
  COMBUSTION_TENDENCIES,
  GAS_GRADES,
  HYDRO_TYPES,
  MINE_CATEGORIES,
  MINE_TYPES,
  ROCK_BURST_LEVELS,
} from '@tiegui/domain';
import { App, Button, Descriptions, Popconfirm, Space } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { can, useCurrentUser } from '../../api/me';
import { DetailCard, detailPage } from '../../components/detail-page';
import { labelOf, regionText } from '../../lib/labels';
import { formatTime } from '../../lib/time';
import { MineHazardFlagsCard } from '../hazards/mine-hazard-flags-card';
import { mineKey, useMine } from './mine-api';
import { InactiveTag, MineStatusTag } from './mine-labels';

const text = (v: string | number | null | undefined): ReactNode =>
  v === null || v === undefined || v === '' ? '—' : v;

function detailItems(mine: Mine): { label: string; children: ReactNode }[] {
  return [
    { label: '名称', children: mine.name },
    { label: '统一社会信用代码', children: mine.uscc },
    { label: '矿山类别', children: labelOf(MINE_CATEGORIES, mine.category) },
    { label: '矿山类型', children: labelOf(MINE_TYPES, mine.mineType) },
    { label: '生产状态', children: <MineStatusTag status={mine.status} /> },
    {
      label: '设计生产能力',
      children: mine.designCapacity === null ? '—' : `${mine.designCapacity} 万吨/年`,
    },
    { label: '瓦斯等级', children: labelOf(GAS_GRADES, mine.gasGrade) },
    { label: '水文地质类型', children: labelOf(HYDRO_TYPES, mine.hydroType) },
    { label: '冲击地压危险性', children: labelOf(ROCK_BURST_LEVELS, mine.rockBurst) },
    { label: '煤层自燃倾向性', children: labelOf(COMBUSTION_TENDENCIES, mine.combustionTendency) },
    { label: '矿长姓名', children: mine.principalName },
    { label: '矿长电话', children: mine.principalPhone },
    { label: '矿长兼任董事长', children: mine.directorIsChairman ? '是' : '否' },
    { label: '监管部门', children: mine.supervisorName },
    { label: '行政区划代码', children: regionText(mine.regionCode) },
    { label: '监察执法处', children: text(mine.divisionName) },
    { label: '上级公司', children: text(mine.groupName) },
    { label: '地址', children: text(mine.address) },
    { label: '经度', children: text(mine.longitude) },
    { label: '纬度', children: text(mine.latitude) },
    { label: '启用状态', children: mine.active ? '在用' : '已停用' },
    { label: '创建时间', children: formatTime(mine.createdAt) },
    { label: '更新时间', children: formatTime(mine.updatedAt) },
  ];
}

function MineDetail({ record: mine }: { record: Mine }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { canUpdate, canDeactivate } = mine.abilities;

  const toggle = useMutation({
    mutationFn: (m: Mine) => api.post<Mine>(`/mines/${m.id}/${m.active ? 'deactivate' : 'reactivate'}`),
    onSuccess: (saved) => {
      queryClient.setQueryData(mineKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['mines'] });
      message.success(saved.active ? '矿山已启用' : '矿山已停用');
    },
    onError: (err) => message.error(err.message),
  });

  return (
    <DetailCard
      title={
        <>
          {mine.name}
          <InactiveTag active={mine.active} />
        </>
      }
      extra={
        <Space wrap>
          {canUpdate && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => void navigate(`/mines/${mine.id}/edit`)}
            >
              编辑
            </Button>
          )}
          {canDeactivate && (
            <Popconfirm
              title={mine.active ? '停用后该矿山不再出现在默认列表中，确定停用？' : '确定重新启用该矿山？'}
              okText="确定"
              cancelText="取消"
              onConfirm={() => toggle.mutateAsync(mine).catch(() => undefined)}
            >
              <Button danger={mine.active} loading={toggle.isPending}>
                {mine.active ? '停用' : '启用'}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        items={detailItems(mine).map((item, i) => ({ key: String(i), ...item }))}
      />
      {can(me, 'hazard.read') && <MineHazardFlagsCard mineId={mine.id} />}
    </DetailCard>
  );
}

/** A mine's registry page: its facts, 编辑 and 停用/启用 as its abilities allow, and its hazard flags. */
export const MineDetailPage = detailPage(useMine, '矿山不存在或无权查看', MineDetail);
