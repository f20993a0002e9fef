import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from './seed/demo';
import { createTestContext, onPostgres, type TestContext } from './testing';
import { documentedRoutes } from './testing/openapi';
import { addScopeFixtures } from './testing/scope-fixtures';
import { RECORD_KINDS } from './testing/scope-kinds';
import { claimRoutes, type MatrixReport, runScopeMatrix } from './testing/scope-matrix';

// Every GET route of the API document, as every demo account, against who may see what computed
// from the tables (server/src/testing/scope-kinds.ts), never through server/src/access.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await addScopeFixtures(ctx);
}, 120_000);
afterAll(() => ctx.close());

const ACCOUNTS = DEMO_ACCOUNTS.map((a) => a.username);

describe('scope matrix', () => {
  it('every GET route of the API document is claimed by a record kind or said to list none', async () => {
    const claimed = claimRoutes(await documentedRoutes(ctx.app));
    expect(claimed.unclaimed).toEqual([]);
    expect(claimed.byId.length).toBeGreaterThan(10);
  });

  it('every record kind has records to check', async () => {
    for (const kind of RECORD_KINDS) expect((await kind.all(ctx.db)).length, kind.name).toBeGreaterThan(0);
  });

  it('each account reads exactly what it may: 200 in scope, 404 out of scope, 403 without the permission', async () => {
    const report: MatrixReport = await runScopeMatrix(ctx, {
      accounts: ACCOUNTS,
      boundaries: ['dx-mine', 'dx-county', 'grp-a'],
      sampleAbove: 200,
      sampleSize: 25,
      concurrency: onPostgres() ? 6 : 1,
    });
    console.info(
      `scope matrix: ${report.routes} GET routes, ${report.accounts} accounts, ${report.requests} requests; ` +
        `${report.leaks.length} leaks, ${report.wronglyRefused.length} wrongly refused, ${report.unexpected.length} unexpected`,
    );
    expect(report.leaks).toEqual([]);
    expect(report.wronglyRefused).toEqual([]);
    expect(report.unexpected).toEqual([]);
  }, 600_000);
});
