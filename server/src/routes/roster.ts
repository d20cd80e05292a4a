import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { BranchParams, ErrorBody, guardedErrors, Id } from '../contract/common.js';
import { FileFormatQuery } from '../contract/quiz.js';
import { InviteSheet, RosterImportQuery, RosterImportReport } from '../contract/roster.js';
import { importRoster, rosterTemplate, RosterImportRefused, type ImportScope } from '../members/import.js';
import { inviteSheetOf, issueInviteSheet } from '../org/invite-sheet.js';
import { actorOf, MANAGERS, type AccessRule } from '../plugins/guard.js';
import { FileBody, MULTIPART_LIMITS, sendFile, uploadedFile } from './table-upload.js';

const ORG_ADMIN: AccessRule = { roles: ['org_admin'], scope: 'org' };
const BRANCH_MANAGERS: AccessRule = { roles: [...MANAGERS], scope: 'branch' };
const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });
const importResponses = {
  200: RosterImportReport,
  413: ErrorBody,
  415: ErrorBody,
  422: Type.Union([RosterImportReport, ErrorBody]),
  ...guardedErrors,
};
const IMPORT_SUMMARY =
  '（UTF-8 或 GBK 的 CSV，或 XLSX）：dryRun=true（默认）只预览新增、修改、无变化和有问题的行，不写入；dryRun=false 写入，有问题的行时整份不写入（skipInvalid=true 时只写入无误的行）。按编号匹配，无编号按姓名加手机号。拒绝身份证号';

const roster: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, MULTIPART_LIMITS);

  const runImport = async (
    request: FastifyRequest & { query: { dryRun?: boolean; skipInvalid?: boolean } },
    reply: FastifyReply,
    scope: ImportScope,
  ) => {
    const file = await uploadedFile(request);
    try {
      return await importRoster(app.db, actorOf(request), scope, file, {
        dryRun: request.query.dryRun ?? true,
        skipInvalid: request.query.skipInvalid ?? false,
      });
    } catch (error) {
      if (error instanceof RosterImportRefused) return reply.code(422).send(error.report);
      throw error;
    }
  };

  app.get(
    '/orgs/:orgId/members/template',
    {
      config: { access: ORG_ADMIN },
      schema: {
        tags: ['org'],
        summary: '下载党员名册导入模板（XLSX 或 CSV；组织管理员）',
        params: OrgParams,
        querystring: FileFormatQuery,
        response: { 200: FileBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      const first = await app.db
        .selectFrom('branches')
        .select('name')
        .where('org_id', '=', request.params.orgId)
        .orderBy('id')
        .executeTakeFirst();
      return sendFile(reply, format, '党员名册导入模板', await rosterTemplate(format, first?.name ?? '第一党支部'));
    },
  );

  app.get(
    '/branches/:branchId/members/template',
    {
      config: { access: BRANCH_MANAGERS },
      schema: {
        tags: ['org'],
        summary: '下载本支部党员名册导入模板（XLSX 或 CSV）',
        params: BranchParams,
        querystring: FileFormatQuery,
        response: { 200: FileBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      const branch = request.target.branch!;
      return sendFile(reply, format, `${branch.name}名册导入模板`, await rosterTemplate(format, branch.name));
    },
  );

  app.post(
    '/orgs/:orgId/members/import',
    {
      config: { access: ORG_ADMIN },
      schema: {
        tags: ['org'],
        summary: `导入全单位党员名册${IMPORT_SUMMARY}`,
        consumes: ['multipart/form-data'],
        params: OrgParams,
        querystring: RosterImportQuery,
        response: importResponses,
      },
    },
    async (request, reply) => runImport(request, reply, { orgId: request.params.orgId, branch: null }),
  );

  app.post(
    '/branches/:branchId/members/import',
    {
      config: { access: BRANCH_MANAGERS },
      schema: {
        tags: ['org'],
        summary: `导入本支部党员名册（其他支部的行视为有问题）${IMPORT_SUMMARY}`,
        consumes: ['multipart/form-data'],
        params: BranchParams,
        querystring: RosterImportQuery,
        response: importResponses,
      },
    },
    async (request, reply) => {
      const branch = request.target.branch!;
      return runImport(request, reply, { orgId: branch.org_id, branch: { id: branch.id, name: branch.name } });
    },
  );

  app.get(
    '/branches/:branchId/invite-sheet',
    {
      config: { access: BRANCH_MANAGERS },
      schema: {
        tags: ['org'],
        summary: '支部邀请单：尚未绑定微信的党员及其仍有效的邀请码（只查看，不发放新码）',
        params: BranchParams,
        response: { 200: InviteSheet, ...guardedErrors },
      },
    },
    async (request) => inviteSheetOf(app.db, request.target.branch!),
  );

  app.post(
    '/branches/:branchId/invite-sheet',
    {
      config: { access: BRANCH_MANAGERS },
      schema: {
        tags: ['org'],
        summary: '为本支部所有尚未绑定微信的党员生成新的邀请码（旧码作废），供打印邀请单',
        params: BranchParams,
        response: { 200: InviteSheet, ...guardedErrors },
      },
    },
    async (request) => issueInviteSheet(app.db, actorOf(request), request.target.branch!, app.config.inviteTtlMs),
  );
};

export default roster;
