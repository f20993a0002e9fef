import { describe, expect, it } from 'vitest';
import { ZHazardStandard } from '../schemas/hazard-catalog';
import {
  COAL_MAJOR_HAZARD_STANDARD,
  catalogProblem,
  NONMETAL_MAJOR_HAZARD_STANDARD,
  SHIPPED_HAZARD_STANDARDS,
} from './hazard-standards';

describe('shipped major-hazard standards', () => {
  it('are valid against the upload schema', () => {
    for (const s of SHIPPED_HAZARD_STANDARDS) expect(() => ZHazardStandard.parse(s), s.key).not.toThrow();
  });

  it('coal: the 15 categories of Art. 3, in Art. 4–18, each with its sub-situations', () => {
    const c = COAL_MAJOR_HAZARD_STANDARD;
    expect(c.documentNumber).toBe('应急管理部令第4号');
    expect(c.categories.map((x) => x.article)).toEqual([
      '第四条',
      '第五条',
      '第六条',
      '第七条',
      '第八条',
      '第九条',
      '第十条',
      '第十一条',
      '第十二条',
      '第十三条',
      '第十四条',
      '第十五条',
      '第十六条',
      '第十七条',
      '第十八条',
    ]);
    expect(c.categories.map((x) => x.items.length)).toEqual([6, 3, 7, 2, 9, 9, 3, 5, 4, 6, 3, 4, 5, 3, 10]);
    expect(c.categories[0]!.title).toBe('超能力、超强度或者超定员组织生产');
    expect(c.categories.every((x) => x.complete && x.source.includes('第三条'))).toBe(true);
  });

  it('metal/non-metal: three parts, the gaps marked for an administrator to complete', () => {
    const n = NONMETAL_MAJOR_HAZARD_STANDARD;
    expect(new Set(n.categories.map((x) => x.part))).toEqual(
      new Set(['一、地下矿山', '二、露天矿山', '三、尾矿库']),
    );
    expect(n.categories.find((x) => x.code === 'U01')!.items).toHaveLength(5);
    const incomplete = n.categories.filter((x) => !x.complete);
    expect(incomplete.map((x) => x.code)).toEqual(['U05', 'U07', 'U13', 'U20', 'U27', 'UX', 'P08', 'TX']);
    expect(incomplete.every((x) => x.note?.includes('管理员'))).toBe(true);
    expect(n.note).toContain('须由管理员补全');
  });

  it('checks that a category fits the mine', () => {
    const coal = { category: 'coal', mineType: 'underground' } as const;
    expect(catalogProblem(COAL_MAJOR_HAZARD_STANDARD, coal, 'C09', 'C09-3')).toBeNull();
    expect(catalogProblem(COAL_MAJOR_HAZARD_STANDARD, coal, 'C99')?.field).toBe('categoryCode');
    expect(catalogProblem(COAL_MAJOR_HAZARD_STANDARD, coal, 'C09', 'C09-99')?.field).toBe('itemCode');
    expect(catalogProblem(NONMETAL_MAJOR_HAZARD_STANDARD, coal, 'U01')?.field).toBe('categoryCode');
    const pit = { category: 'metal_nonmetal', mineType: 'open_pit' } as const;
    expect(catalogProblem(NONMETAL_MAJOR_HAZARD_STANDARD, pit, 'U01')?.message).toContain('地下矿山');
    expect(catalogProblem(NONMETAL_MAJOR_HAZARD_STANDARD, pit, 'P07', 'P07-1')).toBeNull();
  });
});
