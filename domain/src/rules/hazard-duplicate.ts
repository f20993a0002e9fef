/**
 * When a new hazard is likely one already registered: the same mine, the same 排查发现日期, and a
 * similar description or location. "Similar" is kept simple so a person can predict it: after
 * dropping spaces and punctuation the two texts are equal, one holds the other, or they share at
 * least 60% of their two-character pieces (Dice coefficient of character bigrams, which suits
 * Chinese, where words are not separated).
 */
export const SIMILAR_TEXT = 0.6;

const normalise = (text: string) => text.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of the two texts' character bigrams: 1 for equal texts, 0 for nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(normalise(a));
  const y = bigrams(normalise(b));
  const total = [...x.values(), ...y.values()].reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  let shared = 0;
  for (const [pair, n] of x) shared += Math.min(n, y.get(pair) ?? 0);
  return (2 * shared) / total;
}

/** Whether two texts are similar in the sense above (blank texts never are). */
export function similarText(a: string, b: string): boolean {
  const x = normalise(a);
  const y = normalise(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x === y || x.includes(y) || y.includes(x)) return true;
  return textSimilarity(x, y) >= SIMILAR_TEXT;
}

/** Whether a registration looks like an existing hazard of the same mine found the same day. */
export function likelyDuplicate(
  fresh: { description: string; location: string },
  existing: { description: string; location: string },
): boolean {
  return (
    similarText(fresh.description, existing.description) || similarText(fresh.location, existing.location)
  );
}
