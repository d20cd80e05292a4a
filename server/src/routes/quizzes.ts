import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import {
  AttemptPaper,
  AttemptResult,
  AttemptView,
  ExtendQuizBody,
  ManagedQuiz,
  MyQuiz,
  QuizBody,
  QuizNotTaken,
  QuizStats,
  StatsOverview,
  StatsOverviewQuery,
  SubmitBody,
} from '../contract/quiz.js';
import { actorOf, type AccessRule } from '../plugins/guard.js';
import { startAttempt, submitAttempt, viewAttempt } from '../quiz/attempts.js';
import {
  closeQuizEarly,
  createQuiz,
  editQuiz,
  extendQuiz,
  listManagedQuizzes,
  listMyQuizzes,
  notTaken,
} from '../quiz/quizzes.js';
import { quizStats, statsOverview } from '../quiz/stats.js';

const MANAGERS: AccessRule = { roles: ['secretary', 'branch_manager', 'org_admin'] };

const quizzes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/quizzes',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['quiz'],
        summary: '我的答题：开放中、即将开始和近 30 天截止的答题，以及我的作答情况',
        response: { 200: Type.Array(MyQuiz), ...guardedErrors },
      },
    },
    async (request) => listMyQuizzes(app.db, actorOf(request)),
  );

  app.post(
    '/quizzes/:id/attempts',
    {
      config: { access: { roles: ['member'], scope: 'quiz', relation: 'org' } },
      schema: {
        tags: ['quiz'],
        summary: '开始作答（或继续未交卷的作答）：服务器抽题、打乱顺序并计时；不含答案',
        params: IdParams,
        response: { 200: AttemptPaper, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => startAttempt(app.db, actorOf(request), request.params.id),
  );

  app.get(
    '/attempts/:id',
    {
      config: { access: { roles: ['member'], scope: 'attempt', relation: 'own' } },
      schema: {
        tags: ['quiz'],
        summary: '我的一份答卷：作答中返回试卷（不含答案），交卷或超时后返回成绩与解析',
        params: IdParams,
        response: { 200: AttemptView, ...guardedErrors },
      },
    },
    async (request) => viewAttempt(app.db, actorOf(request), request.params.id),
  );

  app.post(
    '/attempts/:id/submit',
    {
      config: { access: { roles: ['member'], scope: 'attempt', relation: 'own' }, idempotent: true },
      schema: {
        tags: ['quiz'],
        summary: '交卷：服务器评分并记录积分；重复交卷返回第一次的成绩',
        params: IdParams,
        body: SubmitBody,
        response: { 200: AttemptResult, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => submitAttempt(app.db, app.dialect, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/manage/quizzes',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '管理：本单位和本支部的答题',
        response: { 200: Type.Array(ManagedQuiz), ...guardedErrors },
      },
    },
    async (request) => listManagedQuizzes(app.db, actorOf(request)),
  );

  app.post(
    '/quizzes',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '创建答题：固定题目或按题型、标签、难度随机抽题',
        body: QuizBody,
        response: { 200: ManagedQuiz, ...guardedErrors },
      },
    },
    async (request) => {
      const quiz = await createQuiz(app.db, actorOf(request), request.body);
      // A quiz open now reaches its subscribers at once; one opening later, at the tick after it opens.
      app.notifier.kick();
      return quiz;
    },
  );

  // Changing a quiz is for those who manage it: its branch's managers, or the org admin for an
  // org-wide quiz (a secretary may read an org-wide quiz's figures, not change it).
  app.put(
    '/quizzes/:id',
    {
      config: { access: { ...MANAGERS, scope: 'quiz', relation: 'manage' } },
      schema: {
        tags: ['quiz'],
        summary: '修改答题（仅在无人作答之前）：题目、规则和开放时间',
        params: IdParams,
        body: QuizBody,
        response: { 200: ManagedQuiz, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => editQuiz(app.db, actorOf(request), request.target.quiz!, request.body),
  );

  app.post(
    '/quizzes/:id/extend',
    {
      config: { access: { ...MANAGERS, scope: 'quiz', relation: 'manage' } },
      schema: {
        tags: ['quiz'],
        summary: '延长答题的截止时间（已截止的答题重新开放到新的截止时间）',
        params: IdParams,
        body: ExtendQuizBody,
        response: { 200: ManagedQuiz, ...guardedErrors },
      },
    },
    async (request) => extendQuiz(app.db, actorOf(request), request.target.quiz!, request.body.closesAt),
  );

  app.post(
    '/quizzes/:id/close',
    {
      config: { access: { ...MANAGERS, scope: 'quiz', relation: 'manage' } },
      schema: {
        tags: ['quiz'],
        summary: '提前结束答题：不能再开始作答；已在作答的党员仍可在本人的答题时限内交卷',
        params: IdParams,
        response: { 200: ManagedQuiz, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => closeQuizEarly(app.db, actorOf(request), request.target.quiz!),
  );

  app.get(
    '/quizzes/:id/not-taken',
    {
      config: { access: { ...MANAGERS, scope: 'quiz', relation: 'oversee' } },
      schema: {
        tags: ['quiz'],
        summary: '尚未参加的党员（本人管理的支部范围内）',
        params: IdParams,
        response: { 200: QuizNotTaken, ...guardedErrors },
      },
    },
    async (request) => notTaken(app.db, actorOf(request), request.target.quiz!),
  );

  app.get(
    '/quizzes/:id/stats',
    {
      config: { access: { ...MANAGERS, scope: 'quiz', relation: 'oversee' } },
      schema: {
        tags: ['quiz'],
        summary: '一场答题的统计：各支部参与率、合格率，逐题和按标签的正确率（由低到高），疑似异常的满分',
        params: IdParams,
        response: { 200: QuizStats, ...guardedErrors },
      },
    },
    async (request) => quizStats(app.db, actorOf(request), request.target.quiz!),
  );

  app.get(
    '/quiz-stats',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '答题统计总览：每场答题和每个支部的参与率、合格率，按标签的正确率（由低到高）',
        querystring: StatsOverviewQuery,
        response: { 200: StatsOverview, ...guardedErrors },
      },
    },
    async (request) => statsOverview(app.db, actorOf(request), request.query.branchId),
  );
};

export default quizzes;
