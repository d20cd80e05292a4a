import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../helpers.js';
import { unitOfWork } from '../../src/lib/group-commit.js';

test('units of work committed together: each failure rolls back only its own writes', async () => {
  const handle = await openTestDatabase();
  try {
    const unit = unitOfWork(handle.db, handle.dialect);
    const insertOrg = (name: string, fail: boolean) =>
      unit.run(async (trx) => {
        await trx.insertInto('orgs').values({ name, ranking_visibility: 'opt_in', created_at: 1 }).execute();
        if (fail) throw new Error(`refused ${name}`);
        return name;
      });
    const results = await Promise.allSettled([
      insertOrg('一', false),
      insertOrg('二', true),
      insertOrg('三', false),
      insertOrg('四', true),
      insertOrg('五', false),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal((results[1] as PromiseRejectedResult).reason.message, 'refused 二');
    // PostgreSQL runs the units as concurrent transactions, so ids may come in any order.
    const names = (await handle.db.selectFrom('orgs').select('name').execute()).map((r) => r.name).sort();
    assert.deepEqual(names, ['一', '三', '五'].sort());
    assert.equal(unitOfWork(handle.db, handle.dialect), unit, 'one per database');
  } finally {
    await handle.close();
  }
});
