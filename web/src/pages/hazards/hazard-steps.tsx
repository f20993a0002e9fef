import { HAZARD_STATES, type HazardDetail, type HazardState } from '@tiegui/domain';
import { Steps } from 'antd';

const MAJOR: HazardState[] = ['registered', 'planned', 'rectifying', 'rectified', 'evaluated', 'closed'];
const MAJOR_STOPPED: HazardState[] = [
  'registered',
  'planned',
  'rectifying',
  'rectified',
  'evaluated',
  'resume_applied',
  'resume_approved',
  'closed',
];
const GENERAL: HazardState[] = ['registered', 'rectifying', 'rectified', 'closed'];

/** The loop this hazard runs: major (with the resume steps when production stopped) or general. */
export function loopOf(h: Pick<HazardDetail, 'level' | 'productionStop'>): HazardState[] {
  if (h.level === 'general') return GENERAL;
  return h.productionStop === 'none' ? MAJOR : MAJOR_STOPPED;
}

export function HazardSteps({ hazard }: { hazard: HazardDetail }) {
  const loop = loopOf(hazard);
  const current = Math.max(0, loop.indexOf(hazard.state));
  const done = hazard.state === 'closed';
  return (
    <Steps
      size="small"
      current={current}
      status={done ? 'finish' : hazard.overdue ? 'error' : 'process'}
      responsive
      data-testid="hazard-steps"
      items={loop.map((s) => ({ title: HAZARD_STATES[s] }))}
    />
  );
}
