import { describe, expect, it } from 'vitest';
import { SCOPE_ACTORS, SQL_COMPILERS } from '../testing/sql';
import { mineScope } from './access';

/** Snapshots of the scope SQL on both dialects, so a change to data scope shows in review. */
describe.each(Object.entries(SQL_COMPILERS))('mine scope SQL on %s', (name, db) => {
  it.each(Object.entries(SCOPE_ACTORS))('%s', (kind, actor) => {
    const compiled = db
      .selectFrom('orgs as o')
      .innerJoin('mines as m', 'm.org_id', 'o.id')
      .select('o.id')
      .where(mineScope(actor))
      .compile();
    expect({ sql: compiled.sql, parameters: compiled.parameters }).toMatchSnapshot(`${name} ${kind}`);
  });
});
