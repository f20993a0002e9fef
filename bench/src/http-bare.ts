/**
 * The stack's limit for `npm run bench -- http`: Fastify and Kysely on the same database, each
 * route answering the same rows of the same tables as the route it stands beside (as many as
 * `?limit=` says, the real answer's count) with no session, no scope, no response schema.
 * Run as its own process (PORT, TIEGUI_DATABASE_URL).
 */
import Fastify from 'fastify';
import { createDb } from '../../server/src/db/database';

const db = createDb(process.env.TIEGUI_DATABASE_URL ?? '');
const app = Fastify({ logger: false });
const limitOf = (query: unknown) => {
  const n = Number((query as { limit?: string } | undefined)?.limit);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 5000) : 50;
};

app.get('/health', async () => ({ ok: true }));
app.get('/mines', async (request) => {
  const limit = limitOf(request.query);
  const items = await db
    .selectFrom('orgs as o')
    .innerJoin('mines as m', 'm.org_id', 'o.id')
    .innerJoin('orgs as sup', 'sup.id', 'o.parent_id')
    .leftJoin('orgs as div', 'div.id', 'm.division_org_id')
    .leftJoin('orgs as grp', 'grp.id', 'm.group_org_id')
    .selectAll('m')
    .select(['o.id', 'o.name', 'o.region_code', 'o.updated_at', 'sup.name as supervisor_name'])
    .select(['div.name as division_name', 'grp.name as group_name'])
    .where('o.kind', '=', 'mine')
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return { items };
});
app.get('/hazards', async (request) => ({
  items: await db
    .selectFrom('hazards')
    .selectAll()
    .orderBy('found_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limitOf(request.query))
    .execute(),
}));
app.get('/obligations', async (request) => ({
  items: await db
    .selectFrom('obligations')
    .selectAll()
    .orderBy('due_at')
    .limit(limitOf(request.query))
    .execute(),
}));
app.get('/notices', async (request) => ({
  items: await db
    .selectFrom('notice_deliveries as d')
    .innerJoin('notices as n', 'n.id', 'd.notice_id')
    .selectAll('n')
    .select(['d.delivered_at', 'd.read_at', 'd.signed_at'])
    .orderBy('d.delivered_at', 'desc')
    .limit(limitOf(request.query))
    .execute(),
}));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const stop = () => {
  void app
    .close()
    .then(() => db.destroy())
    .then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
