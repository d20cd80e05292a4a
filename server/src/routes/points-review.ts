// The member's points beyond the summary (history, objections, published years), the
// secretary's view of a member and of objections, and the org admin's year close.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BranchParams, ErrorBody, guardedErrors, Id, IdParams, MemberParams, Year } from '../contract/common.js';
import {
  CloseYearBody,
  LedgerPage,
  LedgerQuery,
  MemberPoints,
  Objection,
  ObjectionBody,
  ObjectionContext,
  ObjectionList,
  ObjectionListQuery,
  PointsYearList,
  PublicationList,
  ResolveObjectionBody,
  YearParams,
} from '../contract/points-review.js';
import { OrgSettings } from '../contract/rankings.js';
import { actorOf, ANY_ACCOUNT, MANAGERS } from '../plugins/guard.js';
import { ledgerPage } from '../points/ledger.js';
import { pointsSummary } from '../points/service.js';
import {
  listObjections,
  objectionContext,
  raiseObjection,
  resolveObjection,
  withdrawObjection,
} from '../points/objections.js';
import { closeYear, listYears, publicationsFor, publishYear } from '../points/years.js';
import { orgSettings, saveOrgSettings } from '../org/settings.js';
import { yearOf } from '../lib/time.js';

const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });

const pointsReview: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/points/entries',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['points'],
        summary: '我的积分明细（可按来源筛选）',
        querystring: LedgerQuery,
        response: { 200: LedgerPage, ...guardedErrors },
      },
    },
    async (request) => ledgerPage(app.db, actorOf(request).memberId, request.query),
  );

  app.get(
    '/members/:memberId/points',
    {
      config: { access: { roles: ANY_ACCOUNT, scope: 'member', relation: 'ownOrManage' } },
      schema: {
        tags: ['points'],
        summary: '某位党员的年度积分与明细（本人、本支部书记、组织管理员）',
        params: MemberParams,
        querystring: Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false }),
        response: { 200: MemberPoints, ...guardedErrors },
      },
    },
    async (request) => {
      const member = request.target.member!;
      const year = request.query.year ?? yearOf(Date.now());
      const [summary, page] = await Promise.all([
        pointsSummary(app.db, member.id, member.org_id, year),
        ledgerPage(app.db, member.id, { year, limit: 100 }),
      ]);
      return { member: { id: member.id, name: member.name }, summary, entries: page.items };
    },
  );

  app.post(
    '/points/entries/:id/objections',
    {
      config: { access: { roles: ['member'], scope: 'pointsEntry', relation: 'own' }, idempotent: true },
      schema: {
        tags: ['points'],
        summary: '对一条积分记录提出异议',
        params: IdParams,
        body: ObjectionBody,
        response: { 200: Objection, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const id = await raiseObjection(app.db, actor, request.target.pointsEntry!, request.body.reason);
      return (await listObjections(app.db, { memberId: actor.memberId })).find((o) => o.id === id)!;
    },
  );

  app.get(
    '/me/objections',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['points'],
        summary: '我提出的异议及处理结果',
        response: { 200: ObjectionList, ...guardedErrors },
      },
    },
    async (request) => ({ items: await listObjections(app.db, { memberId: actorOf(request).memberId }) }),
  );

  app.post(
    '/objections/:id/withdraw',
    {
      config: { access: { roles: ['member'], scope: 'objection', relation: 'own' } },
      schema: {
        tags: ['points'],
        summary: '撤回我提出的、尚未处理的异议',
        params: IdParams,
        response: { 200: Objection, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await withdrawObjection(app.db, actor, request.params.id);
      return (await listObjections(app.db, { memberId: actor.memberId })).find((o) => o.id === request.params.id)!;
    },
  );

  app.get(
    '/branches/:branchId/objections',
    {
      config: { access: { roles: MANAGERS, scope: 'branch' } },
      schema: {
        tags: ['points'],
        summary: '本支部党员的异议',
        params: BranchParams,
        querystring: ObjectionListQuery,
        response: { 200: ObjectionList, ...guardedErrors },
      },
    },
    async (request) => ({
      items: await listObjections(app.db, { branchId: request.target.branch!.id, status: request.query.status }),
    }),
  );

  app.get(
    '/objections/:id/context',
    {
      config: { access: { roles: MANAGERS, scope: 'objection' } },
      schema: {
        tags: ['points'],
        summary: '处理异议的参考：该党员当年此类积分的使用情况和以往异议',
        params: IdParams,
        response: { 200: ObjectionContext, ...guardedErrors },
      },
    },
    async (request) => objectionContext(app.db, request.target.objection!),
  );

  app.post(
    '/objections/:id/resolve',
    {
      config: { access: { roles: MANAGERS, scope: 'objection', decides: true } },
      schema: {
        tags: ['points'],
        summary: '处理异议：冲正、调整或不予采纳（须说明）',
        params: IdParams,
        body: ResolveObjectionBody,
        response: { 200: Objection, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      await resolveObjection(app.db, actorOf(request), request.params.id, request.body);
      // Committed: tell the member, if they asked for the outcome.
      app.notifier.kick();
      const memberId = request.target.objection!.member_id;
      return (await listObjections(app.db, { memberId })).find((o) => o.id === request.params.id)!;
    },
  );

  app.get(
    '/me/points/publications',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['points'],
        summary: '已公示的年度积分结果',
        response: { 200: PublicationList, ...guardedErrors },
      },
    },
    async (request) => ({ items: await publicationsFor(app.db, actorOf(request)) }),
  );

  const admin = { roles: ['org_admin' as const], scope: 'org' as const };

  app.get(
    '/orgs/:orgId/points/years',
    {
      config: { access: admin },
      schema: {
        tags: ['points'],
        summary: '年度积分结算与公示状态（组织管理员）',
        params: OrgParams,
        response: { 200: PointsYearList, ...guardedErrors },
      },
    },
    async (request) => ({ years: await listYears(app.db, request.params.orgId) }),
  );

  app.post(
    '/orgs/:orgId/points/years/:year/close',
    {
      config: { access: admin },
      // A year that has ended closes with an empty POST.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags: ['points'],
        summary: '结算年度积分（生成快照，之后不能再记入该年度；提前结算当年须 early 与 confirmYear）',
        params: YearParams,
        body: CloseYearBody,
        response: { 200: PointsYearList, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      await closeYear(app.db, actorOf(request), request.params.orgId, request.params.year, request.body);
      return { years: await listYears(app.db, request.params.orgId) };
    },
  );

  app.post(
    '/orgs/:orgId/points/years/:year/publish',
    {
      config: { access: admin },
      schema: {
        tags: ['points'],
        summary: '公示已结算的年度积分',
        params: YearParams,
        response: { 200: PointsYearList, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      await publishYear(app.db, actorOf(request), request.params.orgId, request.params.year);
      return { years: await listYears(app.db, request.params.orgId) };
    },
  );

  app.get(
    '/orgs/:orgId/settings',
    {
      config: { access: admin },
      schema: {
        tags: ['org'],
        summary: '组织设置',
        params: OrgParams,
        response: { 200: OrgSettings, ...guardedErrors },
      },
    },
    async (request) => {
      return orgSettings(app.db, request.params.orgId);
    },
  );

  app.put(
    '/orgs/:orgId/settings',
    {
      config: { access: admin },
      schema: {
        tags: ['org'],
        summary: '修改组织设置（排名显示方式）',
        params: OrgParams,
        body: OrgSettings,
        response: { 200: OrgSettings, ...guardedErrors },
      },
    },
    async (request) => {
      await saveOrgSettings(app.db, actorOf(request), request.params.orgId, request.body);
      return request.body;
    },
  );
};

export default pointsReview;
