// Member journeys over HTTP that several test files need: a check-in with the code on the
// secretary's screen, and an exam passed with every answer right.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/index.js';
import { bearer } from '../../../mocks/fixtures.js';
import { toIso } from '../../src/lib/time.js';
import { inFuture, rightChoices, type FixtureQuestion } from './quiz-fixture.js';

const MIN = 60_000;

export function caller(app: () => FastifyInstance, db: () => Db) {
  return async (method: 'GET' | 'POST' | 'PUT', url: string, as: number, payload?: object) =>
    app().inject({ method, url, headers: await bearer(db(), as), ...(payload ? { payload } : {}) });
}
export type Call = ReturnType<typeof caller>;

/** A 主题党日 of the branch that started a few minutes ago; returns its id. */
export async function themeDayNow(call: Call, branchId: number, secretary: number, title = '主题党日') {
  const start = Date.now() - 5 * MIN;
  const res = await call('POST', `/api/branches/${branchId}/activities`, secretary, {
    type: 'theme_day',
    title,
    topic: '学习党章',
    place: '三楼会议室',
    startsAt: toIso(start),
    endsAt: toIso(start + 120 * MIN),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id as number;
}

/** The member checks in with the code the secretary's screen shows now. */
export async function checkInWithCode(call: Call, activityId: number, secretary: number, member: number) {
  const { code } = (await call('GET', `/api/activities/${activityId}/display`, secretary)).json();
  const res = await call('POST', `/api/activities/${activityId}/checkin`, member, { code });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** An exam of the whole bank for the branch, open now; returns its id. */
export async function examNow(call: Call, bank: FixtureQuestion[], branchId: number, secretary: number) {
  const res = await call('POST', '/api/quizzes', secretary, {
    title: '党章知识测试',
    kind: 'exam',
    branchId,
    questionIds: bank.map((q) => q.id),
    timeLimitMinutes: 20,
    passMark: 60,
    maxAttempts: 1,
    opensAt: inFuture(-60),
    closesAt: inFuture(60 * 24),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id as number;
}

/** Starts an attempt; `submit` then answers every question right. */
export async function startAttempt(call: Call, bank: FixtureQuestion[], quizId: number, member: number) {
  const started = await call('POST', `/api/quizzes/${quizId}/attempts`, member);
  assert.equal(started.statusCode, 200, started.body);
  const paper = started.json() as {
    attemptId: number;
    questions: Array<{ position: number; questionId: number; kind: string; stem: string; options: string[] }>;
  };
  return {
    submit: async () => {
      const answers = paper.questions.map((q) => ({ position: q.position, choices: rightChoices(bank, q) }));
      const res = await call('POST', `/api/attempts/${paper.attemptId}/submit`, member, { answers });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    },
  };
}
