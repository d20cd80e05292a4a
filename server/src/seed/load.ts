// Loads the demo organisation into an empty database. Every point in the demo comes
// from the points core (award), so the ledger adds up under the rules like real use.
import { randomBytes } from 'node:crypto';
import { sql, SqliteAdapter } from 'kysely';
import { migrateToLatest, type Db } from '../db/index.js';
import { award, loadRules, pointsTransaction, publishRules } from '../points/service.js';
import { attendanceRuleFor, defaultRules } from '../points/rules.js';
import { recordOutcomes } from '../quiz/wrong-book.js';
import { payQuizPoints } from '../quiz/attempts.js';
import { insertQuestions } from '../quiz/bank.js';
import { buildDemoOrg, type DemoOrg } from './demo-data.js';
import { audit } from '../lib/audit.js';
import { seedSecondOrg } from './second-org.js';
import { servedAtMs } from '../volunteer/service.js';

const MINUTE = 60_000;

/**
 * The audit entry seedDemo writes for the organisation it creates, in the same transaction:
 * the mark that lets `seed --reset` tell a demo database from one holding real members.
 */
export const DEMO_SEED_ACTION = 'demo.seed';

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Why emptying this database would lose real data, or null when it holds nothing but
 * organisations the demo seed created (or nothing at all).
 */
export async function resetRefusal(db: Db, env: string): Promise<string | null> {
  if (env === 'production') return '生产环境（NODE_ENV=production）不能清空数据库或生成演示数据';
  const foreign = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_log')
            .select('audit_log.id')
            .whereRef('audit_log.org_id', '=', 'orgs.id')
            .where('audit_log.action', '=', DEMO_SEED_ACTION),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  if (foreign.length === 0) return null;
  return (
    `数据库中有不是演示数据创建的组织（${foreign.map((o) => `${o.id} ${o.name}`).join('、')}），` +
    '为免丢失真实数据，未清空。确需重建演示环境，请换一个空数据库（SQLITE_PATH 或 DATABASE_URL）'
  );
}

/**
 * Drops every table (and on PostgreSQL every function) of the schema and migrates again: a
 * new, empty database. Emptying tables is not an option: the points ledger and the audit log
 * refuse DELETE (migration 0007), and no code path gets a way around that.
 */
export async function resetDatabase(db: Db): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.transaction().execute(async (trx) => {
    if (sqlite) {
      // Checked at the commit, when every table is gone, instead of table by table.
      await sql`pragma defer_foreign_keys = on`.execute(trx);
      const { rows } = await sql<{ name: string }>`
        select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(trx);
      for (const { name } of rows) await sql`drop table ${sql.id(name)}`.execute(trx);
      return;
    }
    const tables = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = current_schema()`.execute(trx);
    if (tables.rows.length > 0) {
      await sql`drop table ${sql.join(tables.rows.map((t) => sql.id(t.name)))} cascade`.execute(trx);
    }
    const functions = await sql<{ signature: string }>`
      select p.oid::regprocedure::text as signature from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace where n.nspname = current_schema()`.execute(trx);
    for (const { signature } of functions.rows) await sql.raw(`drop function ${signature} cascade`).execute(trx);
  });
  await migrateToLatest(db);
}

export interface SeedSummary {
  orgId: number;
  /** The second, small demo organisation (./second-org.ts). */
  secondOrgId: number;
  members: number;
  activities: number;
  attendance: number;
  ledgerEntries: number;
}

export async function seedDemo(
  db: Db,
  now = Date.now(),
  demo: DemoOrg = buildDemoOrg(new Date(now)),
): Promise<SeedSummary> {
  return pointsTransaction(db, async (trx) => {
    const t0 = now - 400 * 24 * 60 * MINUTE;
    const org = await trx
      .insertInto('orgs')
      .values({ name: demo.orgName, ranking_visibility: 'opt_in', created_at: t0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      { orgId: org.id, actorId: null, action: DEMO_SEED_ACTION, targetType: 'org', targetId: org.id },
      now,
    );
    await publishRules(trx, org.id, defaultRules, null, t0);
    const rules = await loadRules(trx, org.id);

    const branchId = new Map<string, number>();
    for (const b of demo.branches) {
      const row = await trx
        .insertInto('branches')
        .values({ org_id: org.id, name: b.name, created_at: t0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      branchId.set(b.key, row.id);
    }

    const memberId = new Map<string, number>();
    for (const p of demo.people) {
      const bId = p.branchKey ? branchId.get(p.branchKey)! : null;
      const row = await trx
        .insertInto('members')
        .values({
          org_id: org.id,
          branch_id: bId,
          name: p.name,
          phone: p.phone,
          gender: p.gender,
          political_status: p.politicalStatus,
          employment: p.employment,
          joined_party_on: p.joinedPartyOn,
          active: 1,
          created_at: t0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      memberId.set(p.key, row.id);
      for (const role of p.roles) {
        await trx
          .insertInto('role_grants')
          .values({
            member_id: row.id,
            org_id: org.id,
            role,
            branch_id: role === 'secretary' ? bId : null,
            created_at: t0,
          })
          .execute();
      }
    }
    const idOf = (key: string) => {
      const id = memberId.get(key);
      if (id === undefined) throw new Error(`demo data names an unknown person ${key}`);
      return id;
    };
    const secretaryOf = new Map(
      demo.people.filter((p) => p.roles.includes('secretary')).map((p) => [p.branchKey as string, idOf(p.key)]),
    );
    const admin = demo.people.find((p) => p.roles.includes('org_admin'));
    const adminId = admin ? idOf(admin.key) : null;
    const branchMembers = (key: string | null) =>
      demo.people.filter((p) => p.branchKey !== null && (key === null || p.branchKey === key)).map((p) => idOf(p.key));

    let attendanceRows = 0;
    for (const a of demo.activities) {
      const startsAt = Date.parse(a.startsAt);
      const endsAt = Date.parse(a.endsAt);
      const bId = a.branchKey ? branchId.get(a.branchKey)! : null;
      const createdBy = (a.branchKey && secretaryOf.get(a.branchKey)) ?? adminId;
      const row = await trx
        .insertInto('activities')
        .values({
          org_id: org.id,
          branch_id: bId,
          type: a.type,
          title: a.title,
          topic: a.topic,
          place: a.place,
          lat: null,
          lng: null,
          radius_m: null,
          starts_at: startsAt,
          ends_at: endsAt,
          checkin_opens_at: startsAt - 30 * MINUTE,
          checkin_closes_at: endsAt,
          late_after: startsAt + 10 * MINUTE,
          status: a.status,
          secret: randomBytes(32).toString('base64url'),
          record: a.record,
          created_by: createdBy,
          created_at: startsAt - 7 * 24 * 60 * MINUTE,
          closed_at: a.status === 'closed' ? endsAt : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const invitees =
        a.attendance.length > 0 ? a.attendance.map((r) => idOf(r.personKey)) : branchMembers(a.branchKey);
      for (const member of invitees) {
        await trx.insertInto('activity_invitees').values({ activity_id: row.id, member_id: member }).execute();
      }
      const rule = attendanceRuleFor(rules, a.type);
      for (const r of a.attendance) {
        const member = idOf(r.personKey);
        const checkedInAt = r.checkedInAt ? Date.parse(r.checkedInAt) : null;
        await trx
          .insertInto('attendance')
          .values({
            activity_id: row.id,
            member_id: member,
            status: r.status,
            method: r.method,
            checked_in_at: checkedInAt,
            note: r.note,
            marked_by: r.method === 'roster' || r.status === 'leave' || r.status === 'absent' ? createdBy : null,
            created_at: checkedInAt ?? endsAt,
          })
          .execute();
        attendanceRows++;
        if (rule && (r.status === 'present' || r.status === 'late')) {
          await award(trx, {
            memberId: member,
            ruleCode: rule.code,
            sourceType: 'activity',
            sourceId: row.id,
            // As a live check-in books it: at the moment the member checked in. A secretary's
            // mark counts from the activity's start and is booked when the activity ended.
            occurredAt: checkedInAt ?? startsAt,
            now: checkedInAt ?? endsAt,
          });
        }
      }
    }

    // The demo bank is org-wide (kept by the org admin), each question at its first version.
    const questionRows = await insertQuestions(
      trx,
      demo.questions.map((q) => ({ owner: { org_id: org.id, branch_id: null }, body: q })),
      null,
      t0,
    );
    const questionIds = questionRows.map((r) => r.id);
    const versionIds = questionRows.map((r) => r.current_version_id!);

    // Seeded attempts look like live ones: a paper in the drawn order with options unshuffled,
    // an answer per question (the right one, or the first wrong option), misses in the wrong book.
    for (const quiz of demo.quizzes) {
      const paperIds = quiz.questionIndexes.map((i) => questionIds[i] as number);
      const row = await trx
        .insertInto('quizzes')
        .values({
          org_id: org.id,
          branch_id: quiz.branchKey ? branchId.get(quiz.branchKey)! : null,
          title: quiz.title,
          kind: quiz.kind,
          question_ids: JSON.stringify(paperIds),
          draw_rule: null,
          max_attempts: 1,
          time_limit_minutes: quiz.timeLimitMinutes,
          pass_mark: quiz.passMark,
          opens_at: Date.parse(quiz.opensAt),
          closes_at: Date.parse(quiz.closesAt),
          created_by: adminId,
          created_at: Date.parse(quiz.opensAt) - 24 * 60 * MINUTE,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const paper = quiz.questionIndexes.map((i) => [
        questionIds[i] as number,
        demo.questions[i]!.options.map((_, o) => o),
        versionIds[i] as number,
      ]);
      for (const attempt of quiz.attempts) {
        const member = idOf(attempt.personKey);
        const startedAt = Date.parse(attempt.startedAt);
        const submittedAt = Date.parse(attempt.submittedAt);
        const created = await trx
          .insertInto('quiz_attempts')
          .values({
            quiz_id: row.id,
            member_id: member,
            attempt_no: 1,
            score: attempt.score,
            passed: attempt.passed ? 1 : 0,
            started_at: startedAt,
            submitted_at: submittedAt,
            deadline_at: Math.min(startedAt + quiz.timeLimitMinutes * MINUTE, Date.parse(quiz.closesAt)),
            paper: JSON.stringify(paper),
            correct_count: attempt.correct.length,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const answers = quiz.questionIndexes.map((qi, position) => {
          const q = demo.questions[qi]!;
          const right = attempt.correct.includes(qi);
          const wrong = q.options.findIndex((_, o) => !q.answer.includes(o));
          return {
            attempt_id: created.id,
            position,
            question_id: questionIds[qi] as number,
            version_id: versionIds[qi] as number,
            chosen: JSON.stringify(right ? q.answer : [wrong]),
            credit: right ? 1 : 0,
          };
        });
        await trx.insertInto('quiz_answers').values(answers).execute();
        await recordOutcomes(
          trx,
          member,
          answers.map((a) => ({ questionId: a.question_id, correct: a.credit === 1 })),
          submittedAt,
        );
        if (quiz.kind !== 'exam' || !attempt.passed) continue;
        await payQuizPoints(
          trx,
          { id: row.id },
          { id: created.id, member_id: member },
          attempt.score === 100,
          submittedAt,
        );
      }
    }

    const branchOfPerson = new Map(demo.people.map((p) => [p.key, p.branchKey ? branchId.get(p.branchKey)! : null]));
    for (const v of demo.volunteerRecords) {
      const member = idOf(v.personKey);
      const decidedAt = v.decidedAt ? Date.parse(v.decidedAt) : null;
      const row = await trx
        .insertInto('volunteer_records')
        .values({
          org_id: org.id,
          branch_id: branchOfPerson.get(v.personKey) ?? null,
          member_id: member,
          served_on: v.date,
          hours: v.hours,
          category: v.category,
          place: v.place,
          description: v.description,
          status: v.status,
          reviewer_id: v.reviewerKey ? idOf(v.reviewerKey) : null,
          decided_at: decidedAt,
          reject_reason: v.rejectReason,
          created_at: Date.parse(v.submittedAt),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (v.status !== 'approved') continue;
      await award(trx, {
        memberId: member,
        ruleCode: 'volunteer_hour',
        sourceType: 'volunteer_record',
        sourceId: row.id,
        // Caps count the month the service was done in (as approveRecord dates it); the member
        // sees the entry at its real time, the approval (`now`, the entry's created_at).
        occurredAt: servedAtMs(v.date),
        units: v.hours,
        actorId: v.reviewerKey ? idOf(v.reviewerKey) : null,
        now: decidedAt ?? now,
      });
    }

    for (const [index, a] of demo.awards.entries()) {
      const at = Date.parse(a.at);
      await award(trx, {
        memberId: idOf(a.personKey),
        ruleCode: a.delta > 0 ? 'award' : 'deduction',
        sourceType: 'manual',
        sourceId: `demo-${index + 1}`,
        occurredAt: at,
        delta: a.delta,
        reason: a.reason,
        actorId: idOf(a.actorKey),
        now: at,
      });
    }

    const second = await seedSecondOrg(trx, DEMO_SEED_ACTION, t0, now);

    const ledger = await trx
      .selectFrom('points_ledger')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      orgId: org.id,
      secondOrgId: second.orgId,
      members: demo.people.length + second.members,
      activities: demo.activities.length,
      attendance: attendanceRows,
      ledgerEntries: Number(ledger.n),
    };
  });
}
