import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, meetsDifficulty, powInput, sha256, solvePow } from './proof-of-work';

const nodeSha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const bytes = (text: string) => new TextEncoder().encode(text);

describe('sha256 in plain code', () => {
  it('matches the FIPS 180-4 examples and Node for every padding length', () => {
    const hex = (d: Uint8Array) => Buffer.from(d).toString('hex');
    expect(hex(sha256(bytes('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(bytes('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 0; n < 200; n++) {
      const data = bytes('铁规'.repeat(n).slice(0, n));
      expect(hex(sha256(data)), `length ${data.length}`).toBe(hex(nodeSha256(data)));
    }
  });
});

describe('leading zero bits', () => {
  it('counts whole zero bytes and the zeros of the first other byte', () => {
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x10]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
    expect(meetsDifficulty(new Uint8Array([0x00, 0x40]), 9)).toBe(true);
    expect(meetsDifficulty(new Uint8Array([0x00, 0x40]), 10)).toBe(false);
  });
});

describe('solvePow', () => {
  it('finds a nonce the server accepts, with either digest', async () => {
    const challenge = { salt: 'a1b2c3d4', difficulty: 10 };
    for (const digest of [sha256, async (d: Uint8Array) => nodeSha256(d)]) {
      const nonce = await solvePow(challenge, digest);
      expect(leadingZeroBits(nodeSha256(bytes(powInput(challenge.salt, nonce))))).toBeGreaterThanOrEqual(10);
    }
  });

  it('stops when told to', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      solvePow({ salt: 'x', difficulty: 30 }, sha256, { signal: controller.signal }),
    ).rejects.toThrow();
  });
});
