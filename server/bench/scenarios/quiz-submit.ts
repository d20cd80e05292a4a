// Quiz submission burst: members hand in 20-question attempts; each is graded, its answers and
// wrong-answer book recorded, and a pass paid through the points core (pass + full marks).
// Every request submits a fresh attempt (a repeated submission would only read the first result).
import { publishRules } from '../../src/points/service.js';
import { defaultRules } from '../../src/points/rules.js';
import { newToken, sha256 } from '../../src/lib/crypto.js';
import { QUESTION_BANK } from '../../src/seed/questions.js';
import type { Db } from '../../src/db/index.js';
import { insertQuestions } from '../../src/quiz/bank.js';
import { defineScenario } from '../scenario.js';

const MEMBERS = 3_000;
const QUIZZES = 5;
const PAPER = 20;
const ATTEMPTS = MEMBERS * QUIZZES;

interface Info {
  attempts: Array<{ id: number; token: string; body: string }>;
}

async function chunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function seed(db: Db): Promise<Info> {
  const now = Date.now();
  const org = await db
    .insertInto('orgs')
    .values({ name: '压测机关党委', ranking_visibility: 'opt_in', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishRules(db, org.id, defaultRules, null, now);
  const branch = await db
    .insertInto('branches')
    .values({ org_id: org.id, name: '压测党支部', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();

  const questionRows = await db.transaction().execute((trx) =>
    insertQuestions(
      trx,
      QUESTION_BANK.slice(0, 60).map((q) => ({ owner: { org_id: org.id, branch_id: null }, body: q })),
      null,
      now,
    ),
  );
  const questionIds = questionRows.map((r) => r.id);
  const versionIds = questionRows.map((r) => r.current_version_id!);

  const memberRows = Array.from({ length: MEMBERS }, (_, i) => ({
    org_id: org.id,
    branch_id: branch.id,
    name: `党员${i + 1}`,
    phone: null,
    gender: null,
    political_status: 'full',
    employment: 'in_service',
    joined_party_on: '2010-07-01',
    active: 1,
    created_at: now,
  }));
  await chunked(memberRows, 500, (chunk) => db.insertInto('members').values(chunk).execute());
  const members = await db
    .selectFrom('members')
    .select('id')
    .where('branch_id', '=', branch.id)
    .orderBy('id')
    .execute();
  await chunked(members, 500, (chunk) =>
    db
      .insertInto('role_grants')
      .values(chunk.map((m) => ({ member_id: m.id, org_id: org.id, role: 'member', branch_id: null, created_at: now })))
      .execute(),
  );
  const tokens = new Map<number, string>();
  const sessions = members.map((m) => {
    const token = newToken();
    tokens.set(m.id, token);
    return { token_hash: sha256(token), member_id: m.id, created_at: now, expires_at: now + 86_400_000 };
  });
  await chunked(sessions, 500, (chunk) => db.insertInto('sessions').values(chunk).execute());

  const quizIds: number[] = [];
  for (let k = 0; k < QUIZZES; k++) {
    const quiz = await db
      .insertInto('quizzes')
      .values({
        org_id: org.id,
        branch_id: branch.id,
        title: `压测考试 ${k + 1}`,
        kind: 'exam',
        question_ids: JSON.stringify(questionIds.slice(k * 8, k * 8 + PAPER)),
        draw_rule: null,
        max_attempts: 1,
        time_limit_minutes: 60,
        pass_mark: 60,
        opens_at: now - 3_600_000,
        closes_at: now + 86_400_000,
        created_by: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    quizIds.push(quiz.id);
  }

  // Attempts started two minutes ago (so full marks are not flagged as too fast).
  const startedAt = now - 120_000;
  const attemptRows: Array<{ quiz_id: number; member_id: number; paper: string }> = [];
  const answersOf = new Map<string, string>();
  quizIds.forEach((quizId, k) => {
    const ids = questionIds.slice(k * 8, k * 8 + PAPER);
    const versions = versionIds.slice(k * 8, k * 8 + PAPER);
    const bank = QUESTION_BANK.slice(k * 8, k * 8 + PAPER);
    const paper = JSON.stringify(ids.map((id, i) => [id, bank[i]!.options.map((_, o) => o), versions[i]]));
    for (const m of members) {
      attemptRows.push({ quiz_id: quizId, member_id: m.id, paper });
      // Most answer everything right; one in five misses two questions (still a pass, no bonus).
      const missTwo = m.id % 5 === 0;
      const answers = bank.map((q, position) => ({
        position,
        choices: missTwo && position < 2 ? [q.options.findIndex((_, o) => !q.answer.includes(o))] : q.answer,
      }));
      answersOf.set(`${quizId}:${m.id}`, JSON.stringify({ answers }));
    }
  });
  await chunked(attemptRows, 500, (chunk) =>
    db
      .insertInto('quiz_attempts')
      .values(
        chunk.map((a) => ({
          quiz_id: a.quiz_id,
          member_id: a.member_id,
          attempt_no: 1,
          score: null,
          passed: null,
          started_at: startedAt,
          submitted_at: null,
          deadline_at: startedAt + 3_600_000,
          paper: a.paper,
        })),
      )
      .execute(),
  );
  const attempts = await db.selectFrom('quiz_attempts').select(['id', 'quiz_id', 'member_id']).orderBy('id').execute();
  // Interleave quizzes so consecutive requests come from different members.
  const ordered = [...attempts].sort((a, b) => a.member_id - b.member_id || a.quiz_id - b.quiz_id);
  return {
    attempts: ordered.map((a) => ({
      id: a.id,
      token: tokens.get(a.member_id)!,
      body: answersOf.get(`${a.quiz_id}:${a.member_id}`)!,
    })),
  };
}

export default defineScenario<Info>({
  name: 'quiz-submit',
  description: `${PAPER}-question attempts graded and recorded with the points entry (one fresh attempt per request)`,
  amount: ATTEMPTS,
  maxSeconds: 10,
  warmup: false,
  serve: async ({ handle, buildApp }) => {
    const info = await seed(handle.db);
    return { app: await buildApp(), info };
  },
  requests: (info) => {
    let next = 0;
    return [
      {
        method: 'POST',
        path: '/api/attempts/0/submit',
        setupRequest: (req) => {
          const attempt = info.attempts[next % info.attempts.length]!;
          next += 1;
          return {
            ...req,
            path: `/api/attempts/${attempt.id}/submit`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${attempt.token}` },
            body: attempt.body,
          };
        },
      },
    ];
  },
});
