import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BranchParams, guardedErrors, Id, IdParams } from '../contract/common.js';
import {
  AttentionList,
  BranchComparison,
  Dashboard,
  MemberTable,
  PendingWork,
  PeriodQuery,
  SignInSheet,
} from '../contract/dashboard.js';
import {
  branchComparison,
  branchScope,
  dashboard,
  memberTable,
  needsAttention,
  orgScope,
  pendingWork,
  periodOf,
} from '../dashboard/index.js';
import { ledgerFile } from '../dashboard/ledger.js';
import { signInSheet } from '../dashboard/sign-in-sheet.js';
import { actorOf, MANAGERS } from '../plugins/guard.js';

const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });
const branchAccess = { access: { roles: MANAGERS, scope: 'branch' } } as const;
const orgAccess = { access: { roles: ['org_admin'], scope: 'org' } } as const;

const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/branches/:branchId/dashboard',
    {
      config: branchAccess,
      schema: {
        tags: ['dashboard'],
        summary: '支部数据看板（本支部书记、组织管理员）',
        params: BranchParams,
        querystring: PeriodQuery,
        response: { 200: Dashboard, ...guardedErrors },
      },
    },
    async (request) => {
      const period = periodOf(request.query.period, request.query.date);
      return dashboard(app.db, branchScope(request.target.branch!), period);
    },
  );

  app.get(
    '/branches/:branchId/dashboard/members',
    {
      config: branchAccess,
      schema: {
        tags: ['dashboard'],
        summary: '支部党员参与情况表',
        params: BranchParams,
        querystring: PeriodQuery,
        response: { 200: MemberTable, ...guardedErrors },
      },
    },
    async (request) => memberTable(app.db, request.target.branch!, periodOf(request.query.period, request.query.date)),
  );

  app.get(
    '/branches/:branchId/dashboard/attention',
    {
      config: branchAccess,
      schema: {
        tags: ['dashboard'],
        summary: '需关注：近 60 天没有参与的党员（仅书记和组织管理员可见）',
        params: BranchParams,
        response: { 200: AttentionList, ...guardedErrors },
      },
    },
    async (request) => needsAttention(app.db, request.target.branch!.id, Date.now()),
  );

  app.get(
    '/branches/:branchId/pending',
    {
      config: branchAccess,
      schema: {
        tags: ['dashboard'],
        summary: '待办：等待审批的请假、志愿服务记录和积分异议',
        params: BranchParams,
        response: { 200: PendingWork, ...guardedErrors },
      },
    },
    async (request) => pendingWork(app.db, branchScope(request.target.branch!)),
  );

  app.get(
    '/branches/:branchId/ledger.xlsx',
    {
      config: branchAccess,
      schema: {
        tags: ['dashboard'],
        summary: '导出支部台账（XLSX）',
        params: BranchParams,
        querystring: PeriodQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'XLSX 文件' }),
          ...guardedErrors,
        },
      },
    },
    async (request, reply) => {
      const period = periodOf(request.query.period, request.query.date);
      const { buffer, fileName } = await ledgerFile(app.db, request.target.branch!, period);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );

  app.get(
    '/orgs/:orgId/pending',
    {
      config: orgAccess,
      schema: {
        tags: ['dashboard'],
        summary: '全单位待办：等待审批的请假、志愿服务记录和积分异议（组织管理员）',
        params: OrgParams,
        response: { 200: PendingWork, ...guardedErrors },
      },
    },
    async (request) => pendingWork(app.db, orgScope(request.target.org!)),
  );

  app.get(
    '/orgs/:orgId/dashboard',
    {
      config: orgAccess,
      schema: {
        tags: ['dashboard'],
        summary: '全单位数据看板（组织管理员）',
        params: OrgParams,
        querystring: PeriodQuery,
        response: { 200: Dashboard, ...guardedErrors },
      },
    },
    async (request) => {
      const period = periodOf(request.query.period, request.query.date);
      return dashboard(app.db, orgScope(request.target.org!), period);
    },
  );

  app.get(
    '/orgs/:orgId/branch-comparison',
    {
      config: orgAccess,
      schema: {
        tags: ['dashboard'],
        summary: '支部对比：参与率和人均数（组织管理员）',
        params: OrgParams,
        querystring: PeriodQuery,
        response: { 200: BranchComparison, ...guardedErrors },
      },
    },
    async (request) => {
      const period = periodOf(request.query.period, request.query.date);
      return branchComparison(app.db, request.target.org!, period);
    },
  );

  app.get(
    '/activities/:id/sign-in-sheet',
    {
      config: { access: { roles: MANAGERS, scope: 'activity', relation: 'oversee' } },
      schema: {
        tags: ['dashboard'],
        summary: '活动签到表（打印用）',
        params: IdParams,
        response: { 200: SignInSheet, ...guardedErrors },
      },
    },
    async (request) => signInSheet(app.db, actorOf(request), request.params.id),
  );
};

export default dashboardRoutes;
