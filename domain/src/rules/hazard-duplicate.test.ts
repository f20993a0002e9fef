import { describe, expect, it } from 'vitest';
import { likelyDuplicate, similarText, textSimilarity } from './hazard-duplicate';

describe('likely duplicate hazards', () => {
  it('equal texts up to spaces and punctuation are similar', () => {
    expect(similarText('井下3102回采工作面', ' 井下 3102 回采工作面。')).toBe(true);
  });

  it('a text holding the other is similar', () => {
    expect(similarText('3102回采工作面', '井下3102回采工作面上隅角')).toBe(true);
  });

  it('a few words changed stays similar; another matter is not', () => {
    const a = '回采工作面前方未按规定探放水即组织采掘作业';
    expect(textSimilarity(a, '回采工作面前方未按规定探放水就组织采掘作业')).toBeGreaterThan(0.8);
    expect(similarText(a, '回采工作面前方未按规定探放水就组织采掘作业')).toBe(true);
    expect(similarText(a, '主运输巷电缆吊挂不规范')).toBe(false);
  });

  it('blank texts are never similar', () => {
    expect(similarText('', '')).toBe(false);
    expect(similarText('。', '，')).toBe(false);
  });

  it('a similar description or a similar location makes a likely duplicate', () => {
    const existing = { description: '主运输巷电缆吊挂不规范', location: '井下主运输巷' };
    expect(likelyDuplicate({ description: '主运输巷电缆吊挂不规范', location: '地面' }, existing)).toBe(true);
    expect(likelyDuplicate({ description: '采区变电所无防火门', location: '井下主运输巷' }, existing)).toBe(
      true,
    );
    expect(likelyDuplicate({ description: '采区变电所无防火门', location: '二采区变电所' }, existing)).toBe(
      false,
    );
  });
});
