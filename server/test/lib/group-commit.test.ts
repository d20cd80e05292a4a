import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, type TestDatabase } from '../helpers.js';
import { groupCommit } from '../../src/lib/group-commit.js';

let handle: TestDatabase;
before(async () => {
  handle = await openTestDatabase();
});
after(async () => handle.close());

const addOrg = (name: string) =>
  groupCommit(
    handle.db,
    handle.dialect,
  )(async (trx) => {
    const row = await trx
      .insertInto('orgs')
      .values({ name, ranking_visibility: 'opt_in', created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (name.startsWith('坏')) throw new Error(`refused ${name}`);
    return row.id;
  });

test('concurrent writers share commits; a failing one is undone alone and told so', async () => {
  const commit = groupCommit(handle.db, handle.dialect);
  const write = (name: string) =>
    commit(async (trx) => {
      await trx.insertInto('orgs').values({ name, ranking_visibility: 'opt_in', created_at: 1 }).execute();
      if (name.startsWith('坏')) throw new Error(`refused ${name}`);
      return name;
    });
  const outcomes = await Promise.allSettled([write('甲'), write('坏乙'), write('丙'), write('坏丁'), write('戊')]);
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
    ['甲', 'refused 坏乙', '丙', 'refused 坏丁', '戊'],
  );
  const names = (await handle.db.selectFrom('orgs').select('name').execute()).map((r) => r.name);
  assert.deepEqual(names.sort(), ['甲', '丙', '戊'].sort());
  // Answered only after the commit: a second writer's work is visible once its promise resolves.
  const id = await addOrg('己');
  const row = await handle.db.selectFrom('orgs').select('name').where('id', '=', id).executeTakeFirst();
  assert.equal(row?.name, '己');
  await assert.rejects(addOrg('坏庚'), /refused/);
  assert.equal((await handle.db.selectFrom('orgs').select('id').where('name', '=', '坏庚').execute()).length, 0);
});
