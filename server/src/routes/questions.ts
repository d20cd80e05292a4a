import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import {
  FileFormatQuery,
  ImportQuery,
  ImportReport,
  Question,
  QuestionBody,
  QuestionPage,
  QuestionQuery,
} from '../contract/quiz.js';
import { actorOf, type AccessRule } from '../plugins/guard.js';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/index.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { bankTags, questionProblems, questionValues, searchQuestions, toQuestion } from '../quiz/bank.js';
import { buildFile, MIME, parseQuestions, readRows, UnreadableFile, type FileFormat } from '../quiz/io.js';

const MANAGERS: AccessRule = { roles: ['secretary', 'org_admin'] };
const FileBody = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'XLSX 或 CSV 文件' });
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function assertValid(body: QuestionBody) {
  const problems = questionProblems(body);
  if (problems.length) throw badRequest('INVALID_QUESTION', problems.join('；'));
}

async function bankQuestion(db: Db, actor: Actor, id: number) {
  const row = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.archived_at !== null) throw notFound('题目');
  if (row.org_id !== actor.orgId) throw forbidden('只能管理本单位的题库', 'FORBIDDEN_SCOPE');
  return row;
}

const questions: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } });

  app.get(
    '/questions',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '题库：浏览与搜索（含答案，仅书记和管理员）',
        querystring: QuestionQuery,
        response: { 200: QuestionPage, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [page, tags] = await Promise.all([
        searchQuestions(app.db, actor.orgId, request.query),
        bankTags(app.db, actor.orgId),
      ]);
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
    async (request) => toQuestion(await bankQuestion(app.db, actorOf(request), request.params.id)),
  );

  app.post(
    '/questions',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '新增题目',
        body: QuestionBody,
        response: { 200: Question, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertValid(request.body);
      const now = Date.now();
      return app.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('questions')
          .values({
            org_id: actor.orgId,
            ...questionValues(request.body),
            created_at: now,
            updated_at: now,
            archived_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(
          trx,
          {
            orgId: actor.orgId,
            actorId: actor.memberId,
            action: 'question.create',
            targetType: 'question',
            targetId: row.id,
          },
          now,
        );
        return toQuestion(row);
      });
    },
  );

  app.put(
    '/questions/:id',
    {
      config: { access: { ...MANAGERS, scope: 'question', relation: 'manage' } },
      schema: {
        tags: ['quiz'],
        summary: '修改题目（已作答的记录按修改后的题目显示）',
        params: IdParams,
        body: QuestionBody,
        response: { 200: Question, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await bankQuestion(app.db, actor, request.params.id);
      assertValid(request.body);
      const now = Date.now();
      return app.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('questions')
          .set({ ...questionValues(request.body), updated_at: now })
          .where('id', '=', request.params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(
          trx,
          {
            orgId: actor.orgId,
            actorId: actor.memberId,
            action: 'question.update',
            targetType: 'question',
            targetId: row.id,
          },
          now,
        );
        return toQuestion(row);
      });
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
      const actor = actorOf(request);
      await bankQuestion(app.db, actor, request.params.id);
      const now = Date.now();
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('questions')
          .set({ archived_at: now, updated_at: now })
          .where('id', '=', request.params.id)
          .execute();
        await audit(
          trx,
          {
            orgId: actor.orgId,
            actorId: actor.memberId,
            action: 'question.archive',
            targetType: 'question',
            targetId: request.params.id,
          },
          now,
        );
      });
      return reply.code(204).send(null);
    },
  );

  const sendFile = (reply: FastifyReply, format: FileFormat, name: string, file: Buffer) =>
    reply
      .header('content-type', MIME[format])
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`)
      .send(file);

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
        summary: '导出本单位题库（XLSX 或 CSV，可修改后重新导入）',
        querystring: FileFormatQuery,
        response: { 200: FileBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const format = request.query.format ?? 'xlsx';
      const rows = await app.db
        .selectFrom('questions')
        .selectAll()
        .where('org_id', '=', actor.orgId)
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute();
      return sendFile(reply, format, '题库', await buildFile(format, rows.map(toQuestion)));
    },
  );

  app.post(
    '/questions/import',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['quiz'],
        summary: '导入题库：逐行检查；有问题的行全部列出，整份文件不导入（skipInvalid=true 时只导入无误的行）',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReport, 413: ErrorBody, 415: ErrorBody, 422: ImportReport, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw badRequest('FILE_REQUIRED', '请上传 XLSX 或 CSV 文件');
      const part = await request.file();
      if (!part) throw badRequest('FILE_REQUIRED', '请上传 XLSX 或 CSV 文件');
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch {
        return reply.code(413).send({ code: 'FILE_TOO_LARGE', message: '文件不能超过 2 MB' });
      }
      let rows: string[][];
      try {
        rows = await readRows(buffer);
      } catch (error) {
        if (error instanceof UnreadableFile) {
          return reply
            .code(415)
            .send({ code: 'FILE_UNREADABLE', message: '无法读取文件，请上传 XLSX 或 CSV 格式的题库文件' });
        }
        throw error;
      }
      const parsed = parseQuestions(rows);
      if (parsed.headerProblem) {
        return reply.code(422).send({
          code: 'IMPORT_HAS_ERRORS',
          message: parsed.headerProblem,
          total: 0,
          imported: 0,
          errors: [{ row: 1, message: parsed.headerProblem }],
        });
      }
      const existing = await app.db
        .selectFrom('questions')
        .select('stem')
        .where('org_id', '=', actor.orgId)
        .where('archived_at', 'is', null)
        .execute();
      const seen = new Map(existing.map((q) => [q.stem, 0]));
      for (const r of parsed.rows) {
        if (!r.question) continue;
        const earlier = seen.get(r.question.stem);
        if (earlier !== undefined) {
          r.problems.push(earlier === 0 ? '题库中已有相同题干的题目' : `与第 ${earlier} 行题干重复`);
          r.question = null;
        } else seen.set(r.question.stem, r.row);
      }
      const errors = parsed.rows
        .filter((r) => !r.question)
        .map((r) => ({ row: r.row, message: r.problems.join('；') }));
      const clean = parsed.rows.flatMap((r) => (r.question ? [r.question] : []));
      const total = parsed.rows.length;
      if (total === 0) throw badRequest('IMPORT_EMPTY', '文件中没有题目');
      if (errors.length && !request.query.skipInvalid) {
        return reply.code(422).send({
          code: 'IMPORT_HAS_ERRORS',
          message: `共 ${total} 行，其中 ${errors.length} 行有问题，未导入任何题目。请改正后重新上传，或选择只导入无误的 ${clean.length} 行`,
          total,
          imported: 0,
          errors,
        });
      }
      const now = Date.now();
      await app.db.transaction().execute(async (trx) => {
        for (let i = 0; i < clean.length; i += 100) {
          await trx
            .insertInto('questions')
            .values(
              clean.slice(i, i + 100).map((q) => ({
                org_id: actor.orgId,
                ...questionValues(q),
                created_at: now,
                updated_at: now,
                archived_at: null,
              })),
            )
            .execute();
        }
        await audit(
          trx,
          {
            orgId: actor.orgId,
            actorId: actor.memberId,
            action: 'question.import',
            targetType: 'question_bank',
            targetId: actor.orgId,
            detail: { total, imported: clean.length, skipped: errors.length },
          },
          now,
        );
      });
      return {
        message: errors.length
          ? `已导入 ${clean.length} 道题，跳过有问题的 ${errors.length} 行`
          : `已导入 ${clean.length} 道题`,
        total,
        imported: clean.length,
        errors,
      };
    },
  );
};

export default questions;
