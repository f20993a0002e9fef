import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../access/roles';
import {
  guardProblem,
  HAZARD_ACTIONS,
  HAZARD_STATES,
  HAZARD_TRANSITIONS,
  HAZARD_WORKFLOW,
  type HazardState,
  transitionOf,
  ZMajorPlan,
} from './hazard';
import { stateProblem } from './workflow';

describe('the hazard workflow table', () => {
  it('has one transition per action, with known states and permissions', () => {
    expect(HAZARD_TRANSITIONS.map((t) => t.action).sort()).toEqual([...HAZARD_ACTIONS].sort());
    for (const t of HAZARD_TRANSITIONS) {
      for (const s of [...t.from, ...(t.to ? [t.to] : [])]) expect(HAZARD_STATES, t.action).toHaveProperty(s);
      for (const w of t.who) expect(PERMISSIONS, t.action).toHaveProperty(w.permission);
      expect(t.from).not.toContain('closed');
    }
  });

  it('closure of a major hazard is the regulator’s only; a general one the mine may close', () => {
    expect(transitionOf('close').who.map((w) => w.party)).toEqual(['regulator']);
    expect(transitionOf('closeGeneral').who.map((w) => w.party)).toContain('mine');
  });

  it('every state is reached from registration, for major and general', () => {
    const reach = (level: 'major' | 'general') => {
      const seen = new Set<HazardState>(['registered']);
      for (let changed = true; changed; ) {
        changed = false;
        for (const t of HAZARD_TRANSITIONS)
          if (t.to && t.kinds?.includes(level) && t.from.some((s) => seen.has(s)) && !seen.has(t.to)) {
            seen.add(t.to);
            changed = true;
          }
      }
      return seen;
    };
    expect(reach('major')).toEqual(new Set(Object.keys(HAZARD_STATES)));
    expect([...reach('general')].sort()).toEqual(['closed', 'rectified', 'rectifying', 'registered']);
  });

  it('guards and states explain themselves', () => {
    expect(stateProblem(HAZARD_WORKFLOW, 'plan', 'closed')).toContain('已销号');
    const facts = { state: 'evaluated' as const, productionStop: 'mine' as const, extensionPending: false };
    expect(guardProblem('stopResolved', facts)).toContain('恢复生产');
    expect(guardProblem('stopResolved', { ...facts, state: 'resume_approved' })).toBeNull();
    expect(guardProblem('productionStopped', { ...facts, productionStop: 'none' })).not.toBeNull();
  });

  it('the 五落实 plan takes funds in yuan with at most two decimals', () => {
    const plan = {
      responsibleUnit: '科',
      responsiblePerson: '周矿长',
      measures: '措施',
      fundsYuan: 1.005,
      timeLimit: '2024-02-30',
      contingencyPlan: '预案',
      goal: '目标',
      methods: '方法',
      organisation: '机构',
      safetyMeasures: '安全措施',
    };
    const result = ZMajorPlan.safeParse(plan);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(['fundsYuan', 'timeLimit']);
  });
});
