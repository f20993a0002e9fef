import { z } from 'zod';

/**
 * The proof of work a login must bring after repeated failures: the server gives a random salt
 * and a difficulty; the client finds a nonce such that sha256(salt + nonce) starts with that many
 * zero bits. Checking costs the server one hash; finding costs the client about 2^difficulty.
 */
export const ZPowChallenge = z.object({ salt: z.string(), difficulty: z.number().int() });
export type PowChallenge = z.infer<typeof ZPowChallenge>;

export const ZPowSolution = z.object({
  salt: z.string().min(1).max(64),
  nonce: z.string().regex(/^\d{1,16}$/, '安全校验结果不正确'),
});
export type PowSolution = z.infer<typeof ZPowSolution>;

/** The text whose hash is checked, the same on both sides. */
export const powInput = (salt: string, nonce: string) => `${salt}${nonce}`;

/** How many leading bits of a digest are zero. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export const meetsDifficulty = (digest: Uint8Array, difficulty: number) =>
  leadingZeroBits(digest) >= difficulty;

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/**
 * SHA-256 (FIPS 180-4) in plain code, for a page served over plain HTTP on an intranet address:
 * there the browser offers no Web Crypto, and a login must still be able to prove its work.
 */
export function sha256(message: Uint8Array): Uint8Array {
  const length = message.length;
  const padded = new Uint8Array((((length + 8) >> 6) + 1) << 6);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, length << 3);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] ?? 0;
      const b = w[i - 2] ?? 0;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1;
    }
    let [a, b, c, d, e, f, g, hh] = [
      h[0] ?? 0,
      h[1] ?? 0,
      h[2] ?? 0,
      h[3] ?? 0,
      h[4] ?? 0,
      h[5] ?? 0,
      h[6] ?? 0,
      h[7] ?? 0,
    ];
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + (K[i] ?? 0) + (w[i] ?? 0)) |
        0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const next = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i] ?? 0) + (next[i] ?? 0);
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i] ?? 0);
  return out;
}

/** A digest function: Web Crypto's (asynchronous) or the plain one above. */
export type Digest = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/**
 * Finds a nonce for a challenge, trying `batch` nonces at once (an asynchronous digest answers
 * faster in parallel). `beforeBatch` may give the page a moment to show progress; an aborted
 * `signal` stops the search with an error.
 */
export async function solvePow(
  challenge: PowChallenge,
  digest: Digest,
  options: { batch?: number; signal?: AbortSignal; beforeBatch?: () => Promise<void> } = {},
): Promise<string> {
  const encoder = new TextEncoder();
  const batch = options.batch ?? 64;
  for (let start = 0; ; start += batch) {
    await options.beforeBatch?.();
    options.signal?.throwIfAborted();
    const nonces = Array.from({ length: batch }, (_, i) => String(start + i));
    const digests = await Promise.all(nonces.map((n) => digest(encoder.encode(powInput(challenge.salt, n)))));
    const found = digests.findIndex((d) => meetsDifficulty(d, challenge.difficulty));
    if (found >= 0) return nonces[found] ?? '';
  }
}
