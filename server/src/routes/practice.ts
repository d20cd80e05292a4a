import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import { PracticeAnswerBody, PracticeSession, WrongBook } from '../contract/quiz.js';
import { actorOf } from '../plugins/guard.js';
import { answerPractice, dailyPractice, practiceSession, wrongBook, wrongBookPractice } from '../quiz/practice.js';

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
};

export default practice;
