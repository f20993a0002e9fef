import { useQuery } from '@tanstack/react-query';
import type { Today } from '@tiegui/domain';
import { api } from '../../api/client';

/** GET /today: what waits for my org and role today. */
export function useToday(enabled: boolean) {
  return useQuery({ queryKey: ['today'], queryFn: () => api.get<Today>('/today'), enabled });
}

/** "还有3天" / "今天到期" / "逾期5天". */
export function daysText(daysLeft: number): string {
  if (daysLeft < 0) return `逾期${-daysLeft}天`;
  return daysLeft === 0 ? '今天到期' : `还有${daysLeft}天`;
}
