// Migration 0007: the database itself refuses what the code promises never to write.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dialectUnderTest, openTestDatabase, type TestDatabase } from '../helpers.js';
import { addMember, buildOrgFixture, type OrgFixture } from '../../../mocks/fixtures.js';
import { award, reverse } from '../../src/points/service.js';
import { migrateToLatest } from '../../src/db/index.js';
import { CHECKS, FOREIGN_KEYS, fkName } from '../../src/db/migrations/m20261130_0007_ledger_integrity.js';

const X = 9001;
const NOWHERE = 999999;

async function refused(db: TestDatabase['db'], statement: string, constraint: string) {
  await assert.rejects(
    sql.raw(statement).execute(db),
    (error: Error) => {
      assert.match(error.message, new RegExp(constraint), `${statement}\n-> ${error.message}`);
      return true;
    },
    `${constraint} should refuse: ${statement}`,
  );
}

/** A valid ledger row as an INSERT; `over` replaces columns. */
function ledgerInsert(f: OrgFixture, over: Record<string, string | number | null> = {}) {
  const row: Record<string, string | number | null> = {
    org_id: f.orgId,
    branch_id: f.branchA,
    member_id: f.memberA1,
    year: 2025,
    delta: 2,
    capped_from: null,
    rule_code: 'award',
    cap_group: 'award',
    rule_version: 1,
    source_type: 'manual',
    source_id: `integrity-${Math.random()}`,
    reason: '测试',
    actor_id: f.secretaryA,
    reverses_entry_id: null,
    occurred_at: Date.parse('2025-06-01T12:00:00+08:00'),
    created_at: Date.now(),
    ...over,
  };
  const literal = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
  return `INSERT INTO points_ledger (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(literal).join(', ')})`;
}

describe(`ledger and schema integrity (${dialectUnderTest})`, () => {
  let handle: TestDatabase;
  let f: OrgFixture;
  let entryId: number;
  let reviewer: number;

  before(async () => {
    handle = await openTestDatabase();
    const db = handle.db;
    f = await buildOrgFixture(db);
    reviewer = await addMember(db, { orgId: f.orgId, branchId: f.branchA, name: '临时审核人', roles: [] });
    const now = Date.now();
    entryId = (
      await award(db, {
        memberId: f.memberA1,
        ruleCode: 'award',
        sourceType: 'manual',
        sourceId: 'integrity-1',
        occurredAt: Date.parse('2025-06-01T12:00:00+08:00'),
        delta: 3,
        reason: '先锋岗',
        actorId: f.secretaryA,
      })
    ).entry!.id;
    const statements = [
      `INSERT INTO activities (id, org_id, branch_id, type, title, topic, place, starts_at, ends_at, checkin_opens_at,
         checkin_closes_at, late_after, status, secret, created_at)
       VALUES (${X}, ${f.orgId}, ${f.branchA}, 'theme_day', '主题党日', '学习', '会议室', 1000, 2000, 0, 2000, 1100,
         'scheduled', 's', 0)`,
      `INSERT INTO attendance (id, activity_id, member_id, status, method, created_at)
       VALUES (${X}, ${X}, ${f.memberA1}, 'present', 'qr', 0)`,
      `INSERT INTO leave_requests (id, activity_id, member_id, reason, status, created_at, updated_at)
       VALUES (${X}, ${X}, ${f.memberA2}, '出差', 'pending', 0, 0)`,
      `INSERT INTO questions (id, org_id, kind, stem, options, answer, explanation, tags, difficulty, created_at)
       VALUES (${X}, ${f.orgId}, 'single', '题干', '["甲","乙"]', '[0]', '解析', '[]', 1, 0)`,
      `INSERT INTO quizzes (id, org_id, branch_id, title, kind, question_ids, time_limit_minutes, pass_mark, opens_at,
         closes_at, created_at)
       VALUES (${X}, ${f.orgId}, ${f.branchA}, '考试', 'exam', '[${X}]', 10, 60, 0, 1000, 0)`,
      `INSERT INTO quiz_attempts (id, quiz_id, member_id, started_at) VALUES (${X}, ${X}, ${f.memberA1}, 0)`,
      `INSERT INTO quiz_answers (attempt_id, position, question_id, chosen, credit) VALUES (${X}, 0, ${X}, '[0]', 1)`,
      `INSERT INTO practice_sessions (id, member_id, kind, day, created_at)
       VALUES (${X}, ${f.memberA1}, 'daily', '2026-11-30', 0)`,
      `INSERT INTO volunteer_records (id, org_id, branch_id, member_id, served_on, hours, category, place, description,
         status, reviewer_id, created_at)
       VALUES (${X}, ${f.orgId}, ${f.branchA}, ${f.memberA1}, '2026-11-01', 2, '社区服务', '社区', '服务', 'pending',
         ${reviewer}, 0)`,
      `INSERT INTO volunteer_photos (id, org_id, member_id, record_id, file_name, mime, size, created_at)
       VALUES (${X}, ${f.orgId}, ${f.memberA1}, ${X}, 'a.jpg', 'image/jpeg', 10, 0)`,
      `INSERT INTO points_objections (id, org_id, branch_id, member_id, entry_id, reason, status, created_at)
       VALUES (${X}, ${f.orgId}, ${f.branchA}, ${f.memberA1}, ${entryId}, '有误', 'pending', 0)`,
      `INSERT INTO points_years (org_id, year, closed_at, closed_by) VALUES (${f.orgId}, 2020, 10, ${f.admin})`,
      `INSERT INTO points_year_snapshots (member_id, year, org_id, branch_id, base, earned, stars)
       VALUES (${f.memberA1}, 2020, ${f.orgId}, ${f.branchA}, 60, 0, 1)`,
      `INSERT INTO ranking_preferences (member_id, opt_in, updated_at) VALUES (${f.memberA1}, 1, ${now})`,
      `INSERT INTO audit_log (org_id, actor_id, action, target_type, target_id, created_at)
       VALUES (${f.orgId}, ${f.admin}, 'test', 'test', '1', ${now})`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  });
  after(async () => handle.close());

  test('the points ledger and the audit log refuse UPDATE and DELETE', async () => {
    const db = handle.db;
    await refused(db, `UPDATE points_ledger SET delta = 5 WHERE id = ${entryId}`, 'points_ledger_append_only');
    await refused(db, `UPDATE points_ledger SET reason = '改' WHERE id = ${entryId}`, 'points_ledger_append_only');
    await refused(db, `DELETE FROM points_ledger WHERE id = ${entryId}`, 'points_ledger_append_only');
    await refused(db, `UPDATE audit_log SET action = 'x'`, 'audit_log_append_only');
    await refused(db, `DELETE FROM audit_log`, 'audit_log_append_only');
    if (dialectUnderTest === 'postgres') {
      await refused(db, `TRUNCATE points_ledger CASCADE`, 'points_ledger_append_only');
      await refused(db, `TRUNCATE audit_log`, 'audit_log_append_only');
    }
    const row = await db
      .selectFrom('points_ledger')
      .select('delta')
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    assert.equal(row.delta, 3, 'the entry is unchanged');
    // A correction is a new entry.
    const reversal = await reverse(db, entryId, { actorId: f.secretaryB, reason: '录入错误' });
    assert.equal(reversal.delta, -3);
    assert.equal(reversal.reverses_entry_id, entryId);
    assert.equal(reversal.corrects_entry_id, entryId);
  });

  test('no entry can be written into a closed year', async () => {
    await refused(
      handle.db,
      ledgerInsert(f, { year: 2020, occurred_at: Date.parse('2020-06-01T12:00:00+08:00') }),
      'points_ledger_year_closed',
    );
  });

  test('every CHECK of migration 0007 refuses a bad row', async () => {
    const db = handle.db;
    const cases: Array<[string, string]> = [
      ['orgs_ranking_visibility_ck', `UPDATE orgs SET ranking_visibility = 'all' WHERE id = ${f.orgId}`],
      ['members_political_status_ck', `UPDATE members SET political_status = 'candidate' WHERE id = ${f.memberA1}`],
      ['members_employment_ck', `UPDATE members SET employment = 'student' WHERE id = ${f.memberA1}`],
      ['members_active_ck', `UPDATE members SET active = 2 WHERE id = ${f.memberA1}`],
      ['role_grants_role_ck', `UPDATE role_grants SET role = 'boss' WHERE member_id = ${f.memberA1}`],
      [
        'role_grants_secretary_branch_ck',
        `UPDATE role_grants SET branch_id = NULL WHERE member_id = ${f.secretaryA} AND role = 'secretary'`,
      ],
      ['activities_type_ck', `UPDATE activities SET type = 'party' WHERE id = ${X}`],
      ['activities_status_ck', `UPDATE activities SET status = 'open' WHERE id = ${X}`],
      ['activities_times_ck', `UPDATE activities SET ends_at = starts_at WHERE id = ${X}`],
      ['activities_radius_ck', `UPDATE activities SET radius_m = 0 WHERE id = ${X}`],
      ['attendance_status_ck', `UPDATE attendance SET status = 'here' WHERE id = ${X}`],
      ['attendance_method_ck', `UPDATE attendance SET method = 'gps' WHERE id = ${X}`],
      ['leave_requests_status_ck', `UPDATE leave_requests SET status = 'maybe' WHERE id = ${X}`],
      ['questions_kind_ck', `UPDATE questions SET kind = 'essay' WHERE id = ${X}`],
      ['questions_difficulty_ck', `UPDATE questions SET difficulty = 4 WHERE id = ${X}`],
      ['quizzes_kind_ck', `UPDATE quizzes SET kind = 'survey' WHERE id = ${X}`],
      ['quizzes_limits_ck', `UPDATE quizzes SET pass_mark = 101 WHERE id = ${X}`],
      ['quiz_attempts_result_ck', `UPDATE quiz_attempts SET flagged = 2 WHERE id = ${X}`],
      ['quiz_attempts_status_ck', `UPDATE quiz_attempts SET score = 80, passed = 1 WHERE id = ${X}`],
      ['quiz_answers_credit_ck', `UPDATE quiz_answers SET credit = 2 WHERE attempt_id = ${X}`],
      ['practice_sessions_kind_ck', `UPDATE practice_sessions SET day = NULL WHERE id = ${X}`],
      ['volunteer_records_status_ck', `UPDATE volunteer_records SET status = 'done' WHERE id = ${X}`],
      ['volunteer_records_hours_ck', `UPDATE volunteer_records SET hours = -1 WHERE id = ${X}`],
      ['volunteer_records_source_ck', `UPDATE volunteer_records SET source = 'import' WHERE id = ${X}`],
      ['volunteer_records_category_ck', `UPDATE volunteer_records SET category = '聚餐' WHERE id = ${X}`],
      ['volunteer_photos_size_ck', `UPDATE volunteer_photos SET size = 0 WHERE id = ${X}`],
      ['points_objections_status_ck', `UPDATE points_objections SET status = 'ignored' WHERE id = ${X}`],
      ['points_ledger_source_type_ck', ledgerInsert(f, { source_type: 'gift' })],
      ['points_ledger_reversal_ck', ledgerInsert(f, { source_type: 'reversal', rule_code: 'award', delta: -2 })],
      ['points_ledger_manual_sign_ck', ledgerInsert(f, { rule_code: 'award', delta: -3 })],
      [
        'points_ledger_capped_ck',
        ledgerInsert(f, { rule_code: 'quiz_pass', source_type: 'quiz_attempt', capped_from: 1 }),
      ],
      [
        'points_years_published_ck',
        `UPDATE points_years SET published_at = closed_at - 1 WHERE org_id = ${f.orgId} AND year = 2020`,
      ],
      ['points_year_snapshots_stars_ck', `UPDATE points_year_snapshots SET stars = 6 WHERE member_id = ${f.memberA1}`],
      ['ranking_preferences_opt_in_ck', `UPDATE ranking_preferences SET opt_in = 2 WHERE member_id = ${f.memberA1}`],
      ['rank_member_totals_opt_in_ck', `UPDATE rank_member_totals SET opt_in = 2 WHERE member_id = ${f.memberA1}`],
    ];
    assert.deepEqual(
      cases.map(([name]) => name).sort(),
      CHECKS.map((c) => c.name).sort(),
      'one refusal case per CHECK',
    );
    for (const [name, statement] of cases) await refused(db, statement, name);
    // The volunteer hours are half-hour steps; 1.5 is fine, 1.25 is not.
    await sql.raw(`UPDATE volunteer_records SET hours = 1.5 WHERE id = ${X}`).execute(db);
    await refused(db, `UPDATE volunteer_records SET hours = 1.25 WHERE id = ${X}`, 'volunteer_records_hours_ck');
    // A manual deduction must be negative; the same rule reversed is positive and fine.
    await refused(db, ledgerInsert(f, { rule_code: 'deduction', delta: 2 }), 'points_ledger_manual_sign_ck');
    await refused(db, ledgerInsert(f, { rule_code: 'attend_theme_day' }), 'points_ledger_manual_sign_ck');
  });

  test('every foreign key of migration 0007 refuses a missing parent', async () => {
    const db = handle.db;
    const where: Record<string, string> = {
      points_totals: `member_id = ${f.memberA1}`,
      points_rule_sets: `org_id = ${f.orgId}`,
      activities: `id = ${X}`,
      attendance: `id = ${X}`,
      leave_requests: `id = ${X}`,
      quizzes: `id = ${X}`,
      volunteer_records: `id = ${X}`,
      volunteer_photos: `id = ${X}`,
      points_objections: `id = ${X}`,
      points_years: `org_id = ${f.orgId}`,
      points_year_snapshots: `member_id = ${f.memberA1}`,
      rank_member_totals: `member_id = ${f.memberA1}`,
    };
    for (const fk of FOREIGN_KEYS) {
      let statement: string;
      if (fk.table === 'points_ledger') {
        statement =
          fk.column === 'reverses_entry_id'
            ? ledgerInsert(f, { source_type: 'reversal', delta: -2, reverses_entry_id: NOWHERE })
            : ledgerInsert(f, { [fk.column]: NOWHERE });
      } else if (fk.table === 'audit_log') {
        statement = `INSERT INTO audit_log (org_id, actor_id, action, target_type, target_id, created_at)
          VALUES (${fk.column === 'org_id' ? NOWHERE : f.orgId}, ${fk.column === 'actor_id' ? NOWHERE : f.admin},
            'test', 'test', '1', 0)`;
      } else {
        assert.ok(where[fk.table], `a row of ${fk.table} to point elsewhere`);
        statement = `UPDATE ${fk.table} SET ${fk.column} = ${NOWHERE} WHERE ${where[fk.table]}`;
      }
      await refused(db, statement, fkName(fk));
    }
    // The parent side: a member still named as a reviewer cannot be deleted.
    await refused(db, `DELETE FROM members WHERE id = ${reviewer}`, 'volunteer_records_reviewer_id_fk');
  });

  test('a role is granted once per member and branch', async () => {
    await refused(
      handle.db,
      `INSERT INTO role_grants (member_id, org_id, role, branch_id, created_at)
       VALUES (${f.memberA1}, ${f.orgId}, 'member', NULL, 0)`,
      'role_grants_member_role_uq',
    );
    await refused(
      handle.db,
      `INSERT INTO role_grants (member_id, org_id, role, branch_id, created_at)
       VALUES (${f.secretaryA}, ${f.orgId}, 'secretary', ${f.branchA}, 0)`,
      'role_grants_member_role_uq',
    );
  });

  test('ledger lookups by source use an index', async () => {
    const db = handle.db;
    const indexes =
      dialectUnderTest === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_index_list('points_ledger')`.execute(db)).rows
        : (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'points_ledger'`.execute(db)
          ).rows;
    assert.ok(indexes.some((i) => i.name === 'points_ledger_source_idx'));
  });
});

describe(`upgrade from a database at migration 0006 (${dialectUnderTest})`, () => {
  let handle: TestDatabase;
  after(async () => handle?.close());

  test('0007 applies over existing rows: corrections linked, duplicate grants merged, 0006 triggers final', async () => {
    handle = await openTestDatabase({ migrateTo: '20261123_0006_dashboard' });
    const db = handle.db;
    const rows = [
      `INSERT INTO orgs (id, name, ranking_visibility, created_at) VALUES (1, '机关党委', 'opt_in', 0)`,
      `INSERT INTO branches (id, org_id, name, created_at) VALUES (1, 1, '第一党支部', 0)`,
      `INSERT INTO members (id, org_id, branch_id, name, political_status, employment, active, created_at)
       VALUES (1, 1, 1, '张三', 'full', 'in_service', 1, 0), (2, 1, 1, '李书记', 'full', 'in_service', 1, 0)`,
      // The same grant twice, as an old import might have left it.
      `INSERT INTO role_grants (id, member_id, org_id, role, branch_id, created_at)
       VALUES (1, 2, 1, 'secretary', 1, 0), (2, 2, 1, 'secretary', 1, 0), (3, 1, 1, 'member', NULL, 0)`,
      `INSERT INTO points_ledger (id, org_id, branch_id, member_id, year, delta, rule_code, cap_group, rule_version,
         source_type, source_id, actor_id, reverses_entry_id, occurred_at, created_at)
       VALUES (1, 1, 1, 1, 2026, 2, 'award', 'award', 1, 'manual', 'm-1', 2, NULL, 0, 0),
              (2, 1, 1, 1, 2026, -2, 'award', 'award', 1, 'reversal', '1', 2, 1, 0, 0),
              (3, 1, 1, 1, 2026, 1, 'award', 'award', 1, 'manual', 'objection-1', 2, NULL, 0, 0)`,
      `INSERT INTO points_objections (id, org_id, branch_id, member_id, entry_id, reason, status, resolution_entry_id,
         resolved_by, created_at)
       VALUES (1, 1, 1, 1, 1, '少算', 'adjusted', 3, 2, 0)`,
      `INSERT INTO activities (id, org_id, branch_id, type, title, topic, place, starts_at, ends_at, checkin_opens_at,
         checkin_closes_at, late_after, status, secret, created_at)
       VALUES (1, 1, 1, 'theme_day', '主题党日', '学习', '会议室', 1000, 2000, 0, 2000, 1100, 'closed', 's', 0)`,
      `INSERT INTO activity_invitees (activity_id, member_id) VALUES (1, 1), (1, 2)`,
      `INSERT INTO attendance (id, activity_id, member_id, status, method, created_at) VALUES (1, 1, 1, 'present', 'qr', 0)`,
    ];
    for (const statement of rows) await sql.raw(statement).execute(db);

    await migrateToLatest(db);

    const ledger = await db.selectFrom('points_ledger').select(['id', 'corrects_entry_id']).orderBy('id').execute();
    assert.deepEqual(
      ledger.map((e) => [e.id, e.corrects_entry_id]),
      [
        [1, null],
        [2, 1],
        [3, 1],
      ],
    );
    const grants = await db.selectFrom('role_grants').select('id').orderBy('id').execute();
    assert.deepEqual(
      grants.map((g) => g.id),
      [1, 3],
    );
    await refused(db, `DELETE FROM points_ledger WHERE id = 1`, 'points_ledger_append_only');
    // The tally triggers still count, with 0006's final definitions.
    await sql.raw(`UPDATE attendance SET status = 'late' WHERE id = 1`).execute(db);
    const tally = await db
      .selectFrom('activity_tallies')
      .selectAll()
      .where('activity_id', '=', 1)
      .executeTakeFirstOrThrow();
    assert.deepEqual([tally.invited, tally.present_n, tally.late_n], [2, 0, 1]);
    if (dialectUnderTest === 'postgres') {
      const trigger = await sql<{ deferrable: boolean; deferred: boolean }>`
        select tgdeferrable as deferrable, tginitdeferred as deferred from pg_trigger where tgname = 'attendance_tally'`.execute(
        db,
      );
      assert.deepEqual(trigger.rows, [{ deferrable: true, deferred: true }]);
    } else {
      const triggers = await sql<{ name: string }>`
        select name from sqlite_master where type = 'trigger' and name like '%tally%' order by name`.execute(db);
      assert.equal(triggers.rows.length, 5);
    }
  });

  test('a row that breaks a new constraint fails the upgrade loudly, and changes nothing', async () => {
    const old = await openTestDatabase({ migrateTo: '20261123_0006_dashboard' });
    try {
      const db = old.db;
      await sql
        .raw(`INSERT INTO orgs (id, name, ranking_visibility, created_at) VALUES (1, '机关党委', 'everyone', 0)`)
        .execute(db);
      await assert.rejects(migrateToLatest(db), /orgs_ranking_visibility_ck/);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
      assert.ok(!applied.rows.some((r) => r.name.includes('0007')));
      const columns =
        dialectUnderTest === 'sqlite'
          ? (await sql<{ name: string }>`select name from pragma_table_info('points_ledger')`.execute(db)).rows
          : (
              await sql<{
                name: string;
              }>`select column_name as name from information_schema.columns where table_name = 'points_ledger'`.execute(
                db,
              )
            ).rows;
      assert.ok(!columns.some((c) => c.name === 'corrects_entry_id'), 'rolled back as a whole');
    } finally {
      await old.close();
    }
  });
});
