// Migration 0018: the objection status check accepts `withdrawn` on both dialects, still refuses
// anything else, and going down removes withdrawn objections and restores 0007's check.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../helpers.js';
import { buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award } from '../../src/points/service.js';
import * as m0018 from '../../src/db/migrations/m20261130_0018_objection_withdrawn.js';

describe('migration 0018: withdrawn objections', () => {
  let h: TestDatabase;
  let f: OrgFixture;
  let entryId: number;
  const insert = (status: string) =>
    h.db
      .insertInto('points_objections')
      .values({
        org_id: f.orgId,
        branch_id: f.branchA,
        member_id: f.memberA1,
        entry_id: entryId,
        reason: '核实一下',
        status,
        resolution_note: null,
        resolution_entry_id: null,
        resolved_by: null,
        resolved_at: null,
        created_at: Date.now(),
      })
      .execute();

  before(async () => {
    h = await openTestDatabase();
    f = await buildOrgFixture(h.db);
    const result = await award(h.db, {
      memberId: f.memberA1,
      ruleCode: 'award',
      sourceType: 'manual',
      sourceId: 'm-1',
      occurredAt: Date.now(),
      delta: 1,
      reason: '先锋岗',
    });
    entryId = result.entry!.id;
  });
  after(async () => h.close());

  test('up: withdrawn is a status; an unknown one is still refused', async () => {
    await insert('withdrawn');
    await assert.rejects(insert('cancelled'), /points_objections_status_ck/);
  });

  test('down: withdrawn objections go and the old check is back; up again accepts them', async () => {
    const db = h.db as unknown as Kysely<unknown>;
    await m0018.down(db);
    const left = await h.db.selectFrom('points_objections').select('status').execute();
    assert.ok(left.every((r) => r.status !== 'withdrawn'));
    await assert.rejects(insert('withdrawn'), /points_objections_status_ck/);
    await insert('pending');
    await m0018.up(db);
    await insert('withdrawn');
  });
});
