import { createHash } from 'node:crypto';
import { type PowSolution, solvePow, ZPowRequiredBody } from '@tiegui/domain';
import type { LightMyRequestResponse } from 'fastify';
import type { TestContext } from './index';

const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

/** One POST /api/auth/login from an address, with a solved challenge if given. */
export function postLogin(
  ctx: TestContext,
  body: { username: string; password: string; pow?: PowSolution },
  ip = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: body });
}

/** The solution of the challenge a 428 carries. */
export async function solveChallengeOf(res: LightMyRequestResponse): Promise<PowSolution> {
  const { challenge } = ZPowRequiredBody.parse(res.json());
  return { salt: challenge.salt, nonce: await solvePow(challenge, sha256) };
}

/**
 * A login tried as the login page tries it: a 429 is waited out on the movable clock, a 428's
 * challenge is solved and the login sent again. Answers the first other response (200, 401, 423).
 */
export async function tryLogin(
  ctx: TestContext,
  username: string,
  password: string,
  ip = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  let pow: PowSolution | undefined;
  for (let round = 0; round < 6; round++) {
    const res = await postLogin(ctx, { username, password, ...(pow ? { pow } : {}) }, ip);
    if (res.statusCode === 429) {
      ctx.clock.advanceSeconds(Number(res.headers['retry-after']));
      continue;
    }
    if (res.statusCode !== 428) return res;
    pow = await solveChallengeOf(res);
  }
  throw new Error(`login of ${username} from ${ip} still throttled after 6 rounds`);
}

/** Fails a login `times` times from an address with a wrong password, each failure counted. */
export async function failLogins(ctx: TestContext, username: string, times: number, ip = '127.0.0.1') {
  for (let i = 0; i < times; i++) {
    const res = await tryLogin(ctx, username, 'Wrong-pass-1', ip);
    if (res.statusCode !== 401)
      throw new Error(`failure ${i + 1} of ${username}: ${res.statusCode} ${res.body}`);
  }
}
