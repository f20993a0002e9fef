import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { trustProxyFrom } from '../config';
import { createTestContext, type TestContext } from '../testing';

const login = (ctx: TestContext, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers,
    payload: { username: 'dx-county', password: 'Tiegui@2024' },
  });

describe('browser hardening with the default settings', () => {
  let ctx: TestContext;
  let webDist: string;
  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-web-'));
    fs.writeFileSync(
      path.join(webDist, 'index.html'),
      '<!doctype html><html><head><title>铁规</title></head><body></body></html>',
    );
    ctx = await createTestContext({ webDist });
  });
  afterAll(async () => {
    await ctx.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  test('every answer forbids framing and sniffing and keeps the referrer on the site', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    // Plain HTTP: a browser would ignore HSTS, and a LAN install must not be told to upgrade.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  test('the page carries the style nonce of its own policy, new on every load', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/hazards' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/html');
    const nonce = /<meta name="csp-nonce" content="([^"]+)"/.exec(first.body)?.[1];
    expect(nonce).toBeTruthy();
    expect(String(first.headers['content-security-policy'])).toMatch(
      new RegExp(`style-src 'self' 'nonce-${nonce}'`),
    );
    const second = await ctx.app.inject({ method: 'GET', url: '/' });
    expect(second.body).toContain('csp-nonce');
    expect(second.body).not.toContain(nonce);
    // Asked for by name, the index is still the one with a nonce, never the bare file.
    const named = await ctx.app.inject({ method: 'GET', url: '/index.html' });
    expect(named.body).toContain('csp-nonce');
  });

  test('a client cannot choose the address the audit records', async () => {
    const res = await login(ctx, { 'x-forwarded-for': '203.0.113.9' });
    expect(res.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.ip).not.toBe('203.0.113.9');
  });

  test('a write from another site is refused, from our own page it is done', async () => {
    const cookie = (await login(ctx)).cookies.find((c) => c.name === 'tiegui_sid')!;
    const headers = { cookie: `tiegui_sid=${cookie.value}` };
    const url = '/api/notifications/read-all';
    const foreign = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toContain('跨站请求已被拒绝');
    const noOrigin = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'sec-fetch-site': 'cross-site' },
    });
    expect(noOrigin.statusCode).toBe(403);
    // The form post a foreign page can send without asking first: refused for its content type.
    const plain = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(plain.statusCode).toBe(415);
    expect(plain.json().message).toBe('不支持的请求内容类型');
    const own = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(own.statusCode).toBe(200);
  });

  test('an anonymous request learns nothing of a route’s fields', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/users', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('fields');
  });

  test('the session cookie is Secure only when the request came over HTTPS', async () => {
    const plain = await login(ctx, { 'x-forwarded-proto': 'https' });
    // The proxy header is not trusted by default: the request came over plain HTTP.
    expect(plain.cookies.find((c) => c.name === 'tiegui_sid')?.secure).toBeFalsy();
  });
});

describe('behind a configured proxy', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  beforeAll(async () => {
    ctx = await createTestContext({
      config: {
        trustProxy: ['127.0.0.1'],
        logger: true,
        logStream: { write: (line) => lines.push(line) },
        allowedOrigins: ['https://portal.example.gov.cn'],
      },
    });
  });
  afterAll(() => ctx.close());

  test('the proxy names the client and the scheme: the audit, the cookie and HSTS follow it', async () => {
    const res = await login(ctx, { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'tiegui_sid')?.secure).toBe(true);
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    const row = await ctx.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('203.0.113.9');
  });

  test('an allowed origin may write', async () => {
    const cookie = (await login(ctx)).cookies.find((c) => c.name === 'tiegui_sid')!;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: `tiegui_sid=${cookie.value}`, origin: 'https://portal.example.gov.cn' },
    });
    expect(res.statusCode).toBe(200);
  });

  test('the log is JSON with request ids, and holds no password, cookie or query', async () => {
    lines.length = 0;
    await login(ctx);
    const cookie = (await login(ctx)).cookies.find((c) => c.name === 'tiegui_sid')!;
    await ctx.app.inject({
      method: 'GET',
      url: '/api/mines?q=秘密的矿山',
      headers: { cookie: `tiegui_sid=${cookie.value}` },
    });
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { path?: string } });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => typeof e.reqId === 'string')).toBe(true);
    expect(entries.some((e) => e.req?.path === '/api/mines')).toBe(true);
    const text = lines.join('\n');
    expect(text).not.toContain('Tiegui@2024');
    expect(text).not.toContain(cookie.value);
    expect(text).not.toContain('秘密');
    expect(text).not.toContain(encodeURIComponent('秘密'));
  });
});

test('TIEGUI_TRUST_PROXY reads none, a hop count or addresses', () => {
  expect(trustProxyFrom(undefined)).toBe(false);
  expect(trustProxyFrom(' ')).toBe(false);
  expect(trustProxyFrom('10.0.0.1, 10.0.0.0/8')).toEqual(['10.0.0.1', '10.0.0.0/8']);
  const hops = trustProxyFrom('1');
  if (typeof hops !== 'function') throw new Error('a hop count is a function');
  expect(hops('10.0.0.1', 0)).toBe(true);
  expect(hops('10.0.0.2', 1)).toBe(false);
});
