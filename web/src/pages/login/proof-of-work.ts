import { type Digest, type PowSolution, sha256, solvePow, ZPowRequiredBody } from '@tiegui/domain';

/**
 * Web Crypto's SHA-256 where the browser offers it (HTTPS, localhost); a page served over plain
 * HTTP on an intranet address has no Web Crypto and uses the plain implementation instead.
 */
function digest(): Digest {
  if (!window.isSecureContext || !window.crypto?.subtle) return sha256;
  const { subtle } = window.crypto;
  return async (data) => new Uint8Array(await subtle.digest('SHA-256', new Uint8Array(data)));
}

/** How long the search may hold the page before it lets the page draw (the progress text, the spinner). */
const SLICE_MS = 50;

/**
 * The solution of the challenge a 428 answer carries, found in the browser; null when the answer
 * carries none. Loaded only when a login is asked for one, so the login page stays small.
 */
export async function solveChallengeOf(body: unknown): Promise<PowSolution | null> {
  const asked = ZPowRequiredBody.safeParse(body);
  if (!asked.success) return null;
  const { challenge } = asked.data;
  let sliceStart = Number.NEGATIVE_INFINITY;
  const beforeBatch = async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    sliceStart = performance.now();
  };
  const nonce = await solvePow(challenge, digest(), { batch: 256, beforeBatch });
  return { salt: challenge.salt, nonce };
}
