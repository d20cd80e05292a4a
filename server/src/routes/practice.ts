import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import {
  DailyPracticeStatus,
  PracticeAnswerBody,
  PracticeSession,
  WrongBook,
  WrongBookParams,
  WrongBookQuestion,
} from '../contract/quiz.js';
import { actorOf } from '../plugins/guard.js';
import {
  answerPractice,
  dailyPractice,
  dailyPracticeStatus,
  practiceSession,
  wrongBook,
  wrongBookPractice,
  wrongBookQuestion,
} from '../quiz/practice.js';

const practice: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/practice/daily',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['quiz'],
        summary: '今天的每日一练（当天第一次打开时抽题，全天不变）',
        response: { 200: PracticeSession, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => dailyPractice(app.db, actorOf(request)),
  );

  app.get(
    '/practice/daily/status',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['quiz'],
        summary: '今天的每日一练是否已完成（不抽题）',
        response: { 200: DailyPracticeStatus, ...guardedErrors },
      },
    },
    async (request) => dailyPracticeStatus(app.db, actorOf(request)),
  );

  app.post(
    '/practice/wrong-book',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['quiz'],
        summary: '从错题本抽几道题练习',
        response: { 200: PracticeSession, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => wrongBookPractice(app.db, actorOf(request)),
  );

  app.get(
    '/practice/sessions/:id',
    {
      config: { access: { roles: ['member'], scope: 'practiceSession', relation: 'own' } },
      schema: {
        tags: ['quiz'],
        summary: '一次练习：已作答的题目附答案和解析，未作答的不附',
        params: IdParams,
        response: { 200: PracticeSession, ...guardedErrors },
      },
    },
    async (request) => practiceSession(app.db, request.params.id),
  );

  app.post(
    '/practice/sessions/:id/answers',
    {
      config: { access: { roles: ['member'], scope: 'practiceSession', relation: 'own' }, idempotent: true },
      schema: {
        tags: ['quiz'],
        summary: '作答练习中的一题，立即返回对错和解析；同一题再答返回第一次的结果',
        params: IdParams,
        body: PracticeAnswerBody,
        response: { 200: PracticeSession, ...guardedErrors },
      },
    },
    async (request) => answerPractice(app.db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/me/wrong-book',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['quiz'],
        summary: '我的错题本：答错的题，连续答对两次后移出',
        response: { 200: WrongBook, ...guardedErrors },
      },
    },
    async (request) => wrongBook(app.db, actorOf(request)),
  );

  app.get(
    '/me/wrong-book/:questionId',
    {
      // Only the actor's own book is read (by member id in the query): no other scope to load;
      // a question not in it is 404, whoever else's book holds it.
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['quiz'],
        summary: '错题本中的一道题：题目、正确答案和解析（正在作答的考试中的题不给看）',
        params: WrongBookParams,
        response: { 200: WrongBookQuestion, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => wrongBookQuestion(app.db, actorOf(request), request.params.questionId),
  );
};

export default practice;
