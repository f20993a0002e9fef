import { randomFillSync } from 'node:crypto';
import { monotonicFactory, type PRNG } from 'ulid';

/**
 * Cryptographic randomness drawn 4 KiB at a time: ulid's default asks the system for one byte per
 * character, sixteen calls per id, which was a tenth of a hazard transition's time.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;
const pooledRandom: PRNG = () => {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]! / 256;
};

let next = monotonicFactory(pooledRandom);

/** A sortable text id (ULID). */
export function newId(): string {
  return next();
}

/** Makes ids reproducible for a seeded generator (demo and scale data). */
export function seedIds(prng: PRNG, startMs: number): () => void {
  const previous = next;
  const factory = monotonicFactory(prng);
  let t = startMs;
  next = () => factory(t++);
  return () => {
    next = previous;
  };
}

/** A small seeded PRNG (mulberry32), enough for reproducible demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
