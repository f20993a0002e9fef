import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('system routes', () => {
  it('GET /api/health answers without a session', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document with every route and its responses', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/me',
      '/api/mines',
      '/api/mines/{id}',
      '/api/users',
      '/api/audit/events',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.paths['/api/mines'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '404']),
    );
  });

  it('the document names each route’s permission, the public routes, action bodies and uploads', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/mines/{id}'].patch['x-permission']).toBe('mine.update');
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/me'].get.security).toBeUndefined();
    const plan = doc.paths['/api/hazards/{id}/actions/plan'].post.requestBody.content['application/json'];
    expect(plan.schema.required).toContain('responsibleUnit');
    const upload = doc.paths['/api/files'].post.requestBody.content['multipart/form-data'];
    expect(upload.schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  });

  it('serves the browsable API page', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('answers unknown API paths with a Chinese 404', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('接口不存在');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_REQUEST');
  });
});

describe('serving the web app', () => {
  it('serves files, falls back to index.html for app paths, and keeps JSON 404s for the API', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>铁规</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const web = await createTestContext({ seed: false, webDist: dir });
    try {
      const page = await web.app.inject({ method: 'GET', url: '/mines/123' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('铁规');
      const asset = await web.app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(asset.body).toBe('console.log(1)');
      const api = await web.app.inject({ method: 'GET', url: '/api/nothing-here' });
      expect(api.statusCode).toBe(404);
      expect(api.json().code).toBe('NOT_FOUND');
      // Written after start: served without a restart.
      fs.writeFileSync(path.join(dir, 'assets', 'late.js'), 'late');
      expect((await web.app.inject({ method: 'GET', url: '/assets/late.js' })).body).toBe('late');
    } finally {
      await web.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
