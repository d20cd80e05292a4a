import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import {
  FileFormatQuery,
  ImportQuery,
  ImportReport,
  NewQuestionBody,
  Question,
  QuestionBody,
  QuestionPage,
  QuestionQuery,
} from '../contract/quiz.js';
import { actorOf, type AccessRule } from '../plugins/guard.js';
import { badRequest } from '../errors.js';
import {
  archiveQuestion,
  bankForExport,
  bankTags,
  createQuestion,
  questionProblems,
  readQuestion,
  searchQuestions,
  updateQuestion,
} from '../quiz/bank.js';
import { importQuestionFile, ImportRefused } from '../quiz/import.js';
import { buildFile } from '../quiz/io.js';
import { FileBody, MULTIPART_LIMITS, sendFile, uploadedFile } from './table-upload.js';
import { ownerForNewQuestion } from '../quiz/ownership.js';

const MANAGERS: AccessRule = { roles: ['secretary', 'branch_manager', 'org_admin'] };

function assertValid(body: QuestionBody) {
  const problems = questionProblems(body);
  if (problems.length) throw badRequest('INVALID_QUESTION', problems.join('；'));
}

const questions: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, MULTIPART_LIMITS);

  app.get(
    '/questions',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '题库：浏览与搜索（含答案）：组织管理员看全部，支部书记看全单位题目和本支部题目',
        querystring: QuestionQuery,
        response: { 200: QuestionPage, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [page, tags] = await Promise.all([searchQuestions(app.db, actor, request.query), bankTags(app.db, actor)]);
      return { ...page, tags };
    },
  );

  app.get(
    '/questions/:id',
    {
      config: { access: { ...MANAGERS, scope: 'question', relation: 'oversee' } },
      schema: {
        tags: ['quiz'],
        summary: '一道题（含答案，仅书记和管理员）',
        params: IdParams,
        response: { 200: Question, ...guardedErrors },
      },
    },
    async (request) => readQuestion(app.db, actorOf(request), request.params.id),
  );

  app.post(
    '/questions',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '新增题目：组织管理员新增到全单位题库，支部书记新增本支部的题目',
        body: NewQuestionBody,
        response: { 200: Question, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { branchId, ...body } = request.body;
      const owner = ownerForNewQuestion(actor, branchId);
      assertValid(body);
      return createQuestion(app.db, actor, owner, body);
    },
  );

  app.put(
    '/questions/:id',
    {
      config: { access: { ...MANAGERS, scope: 'question', relation: 'manage' } },
      schema: {
        tags: ['quiz'],
        summary: '修改题目（保存为新版本；已开始或已交卷的答卷仍按当时的版本显示和评分）',
        params: IdParams,
        body: QuestionBody,
        response: { 200: Question, ...guardedErrors },
      },
    },
    async (request) => {
      assertValid(request.body);
      return updateQuestion(app.db, actorOf(request), request.params.id, request.body);
    },
  );

  app.delete(
    '/questions/:id',
    {
      config: { access: { ...MANAGERS, scope: 'question', relation: 'manage' } },
      schema: {
        tags: ['quiz'],
        summary: '停用题目（不再抽到；已有答卷仍可查看）',
        params: IdParams,
        response: { 204: Type.Null(), ...guardedErrors },
      },
    },
    async (request, reply) => {
      await archiveQuestion(app.db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/questions/template',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '下载题库导入模板（XLSX 或 CSV）',
        querystring: FileFormatQuery,
        response: { 200: FileBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      return sendFile(reply, format, '题库导入模板', await buildFile(format, [], true));
    },
  );

  app.get(
    '/questions/export',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '导出题库（读者能看到的题目；XLSX 或 CSV，可修改后重新导入）',
        querystring: FileFormatQuery,
        response: { 200: FileBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      return sendFile(reply, format, '题库', await buildFile(format, await bankForExport(app.db, actorOf(request))));
    },
  );

  app.post(
    '/questions/import',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary:
          '导入题库（UTF-8 或 GBK 的 CSV，或 XLSX；最多 2000 道题）：逐行检查；有问题的行全部列出，整份文件不导入（skipInvalid=true 时只导入无误的行）。组织管理员导入全单位题库，支部书记导入本支部题目',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReport, 413: ErrorBody, 415: ErrorBody, 422: ImportReport, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const owner = ownerForNewQuestion(actor, request.query.branchId);
      const buffer = await uploadedFile(request);
      try {
        return await importQuestionFile(app.db, actor, owner, buffer, request.query.skipInvalid ?? false);
      } catch (error) {
        if (error instanceof ImportRefused) return reply.code(422).send(error.report);
        throw error;
      }
    },
  );
};

export default questions;
