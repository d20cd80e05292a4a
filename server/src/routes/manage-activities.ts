// Running activities: a secretary for the own branch, the org admin for any branch or the
// whole organisation. Scope is checked by the guard (branch / org routes) or against the
// activity (routes by activity id).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ActivityDetail,
  ActivityInput,
  ActivityMemberParams,
  ActivityRoster,
  CancelBody,
  CheckInDisplay,
  CheckOutResult,
  CheckOutRoster,
  CompleteCheckOutBody,
  CreateActivityBody,
  LeaveDecisionBody,
  LeaveDecisionParams,
  ManagedActivities,
  ManagedActivitiesQuery,
  MarkBody,
  RecordBody,
} from '../contract/activities.js';
import { BranchParams, ErrorBody, guardedErrors, Id, IdParams } from '../contract/common.js';
import { actorOf, MANAGERS } from '../plugins/guard.js';
import {
  cancelActivity,
  closeActivity,
  createActivity,
  decideLeave,
  markAttendance,
  saveRecord,
  updateActivity,
} from '../activities/manage.js';
import { detailOf, displayOf, managedList, rosterOfActivity } from '../activities/present.js';
import { findActivity } from '../activities/repo.js';
import { checkOutRoster, completeCheckOut } from '../activities/checkout.js';
import { periodBounds, yearOf } from '../lib/time.js';

const BY_BRANCH = { roles: MANAGERS, scope: 'branch' } as const;
const BY_ORG = { roles: ['org_admin'], scope: 'org' } as const;
const RUNS_ACTIVITY = { roles: MANAGERS, scope: 'activity' } as const;
const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });
const withConflict = { 200: ActivityDetail, 409: ErrorBody, ...guardedErrors };

const manageActivities: FastifyPluginAsyncTypebox = async (app) => {
  const yearRange = (year: number | undefined) => periodBounds(Date.UTC(year ?? yearOf(app.clock.now()), 5, 1), 'year');

  /** A branch's (or, by org_id, the whole organisation's) activities of a year, newest first, with counts. */
  const activitiesOfYear = async (column: 'branch_id' | 'org_id', id: number, year: number | undefined) => {
    const [from, to] = yearRange(year);
    const rows = await app.db
      .selectFrom('activities')
      .selectAll()
      .where(column, '=', id)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .orderBy('starts_at', 'desc')
      .execute();
    return managedList(app.db, rows);
  };

  app.get(
    '/branches/:branchId/activities',
    {
      config: { access: BY_BRANCH },
      schema: {
        tags: ['activities'],
        summary: '本支部的活动（含签到统计）',
        params: BranchParams,
        querystring: ManagedActivitiesQuery,
        response: { 200: ManagedActivities, ...guardedErrors },
      },
    },
    async (request) => ({ items: await activitiesOfYear('branch_id', request.params.branchId, request.query.year) }),
  );

  app.get(
    '/orgs/:orgId/activities',
    {
      config: { access: BY_ORG },
      schema: {
        tags: ['activities'],
        summary: '全单位的活动（组织管理员）',
        params: OrgParams,
        querystring: ManagedActivitiesQuery,
        response: { 200: ManagedActivities, ...guardedErrors },
      },
    },
    async (request) => ({ items: await activitiesOfYear('org_id', request.params.orgId, request.query.year) }),
  );

  app.post(
    '/branches/:branchId/activities',
    {
      config: { access: BY_BRANCH },
      schema: {
        tags: ['activities'],
        summary: '为本支部创建活动',
        params: BranchParams,
        body: CreateActivityBody,
        response: withConflict,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const branch = request.target.branch!;
      const id = await createActivity(
        app.db,
        actor,
        { orgId: branch.org_id, branchId: branch.id },
        request.body,
        app.clock.now(),
      );
      return detailOf(app.db, actor, await findActivity(app.db, id));
    },
  );

  app.post(
    '/orgs/:orgId/activities',
    {
      config: { access: BY_ORG },
      schema: {
        tags: ['activities'],
        summary: '创建面向全体党员的活动（组织管理员）',
        params: OrgParams,
        body: CreateActivityBody,
        response: withConflict,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const id = await createActivity(
        app.db,
        actor,
        { orgId: request.params.orgId, branchId: null },
        request.body,
        app.clock.now(),
      );
      return detailOf(app.db, actor, await findActivity(app.db, id));
    },
  );

  app.put(
    '/activities/:id',
    {
      config: { access: RUNS_ACTIVITY },
      schema: {
        tags: ['activities'],
        summary: '修改活动',
        params: IdParams,
        body: ActivityInput,
        response: withConflict,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateActivity(app.db, actor, request.target.activity!, request.body, app.clock.now());
      return detailOf(app.db, actor, await findActivity(app.db, request.params.id));
    },
  );

  app.post(
    '/activities/:id/cancel',
    {
      config: { access: RUNS_ACTIVITY },
      schema: { tags: ['activities'], summary: '取消活动', params: IdParams, body: CancelBody, response: withConflict },
    },
    async (request) => {
      const actor = actorOf(request);
      await cancelActivity(app.db, actor, request.target.activity!, request.body.reason, app.clock.now());
      return detailOf(app.db, actor, await findActivity(app.db, request.params.id));
    },
  );

  app.get(
    '/activities/:id/display',
    {
      config: { access: RUNS_ACTIVITY },
      schema: {
        tags: ['activities'],
        summary: '签到大屏：当前二维码内容、6 位签到码与实时名单',
        params: IdParams,
        response: { 200: CheckInDisplay, ...guardedErrors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      // The origin the client reached: behind a proxy (TRUST_PROXY=1) its https:// and host.
      return displayOf(
        app.db,
        actorOf(request),
        request.target.activity!,
        app.clock.now(),
        `${request.protocol}://${request.host}`,
      );
    },
  );

  app.get(
    '/activities/:id/roster',
    {
      config: { access: RUNS_ACTIVITY },
      schema: {
        tags: ['activities'],
        summary: '活动签到名册与请假申请',
        params: IdParams,
        response: { 200: ActivityRoster, ...guardedErrors },
      },
    },
    async (request) => {
      return rosterOfActivity(app.db, actorOf(request), request.target.activity!);
    },
  );

  app.put(
    '/activities/:id/attendance/:memberId',
    {
      config: { access: { ...RUNS_ACTIVITY, decides: true } },
      schema: {
        tags: ['activities'],
        summary: '书记登记出勤：出席 / 迟到 / 请假 / 缺席（留痕）',
        params: ActivityMemberParams,
        body: MarkBody,
        response: { 200: ActivityRoster, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, memberId } = request.params;
      await markAttendance(app.db, actor, request.target.activity!, memberId, request.body, app.clock.now());
      return rosterOfActivity(app.db, actor, await findActivity(app.db, id));
    },
  );

  app.get(
    '/activities/:id/checkouts',
    {
      config: { access: RUNS_ACTIVITY },
      schema: {
        tags: ['activities'],
        summary: '志愿服务活动的签到签退情况和记录的时长',
        params: IdParams,
        response: { 200: CheckOutRoster, ...guardedErrors },
      },
    },
    async (request) => ({ items: await checkOutRoster(app.db, request.target.activity!) }),
  );

  app.post(
    '/activities/:id/attendance/:memberId/checkout',
    {
      config: { access: { ...RUNS_ACTIVITY, decides: true } },
      schema: {
        tags: ['activities'],
        summary: '书记为漏签退的党员补签退（须说明；时长进入志愿服务审核）',
        params: ActivityMemberParams,
        body: CompleteCheckOutBody,
        response: { 200: CheckOutResult, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) =>
      completeCheckOut(
        app.db,
        actorOf(request),
        request.target.activity!,
        request.params.memberId,
        request.body,
        app.clock.now(),
      ),
  );

  app.post(
    '/activities/:id/leave-requests/:requestId/decision',
    {
      config: { access: { roles: MANAGERS, scope: 'leaveRequest', decides: true } },
      schema: {
        tags: ['activities'],
        summary: '批准或驳回请假',
        params: LeaveDecisionParams,
        body: LeaveDecisionBody,
        response: { 200: ActivityRoster, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, requestId } = request.params;
      await decideLeave(app.db, actor, await findActivity(app.db, id), requestId, request.body, app.clock.now());
      return rosterOfActivity(app.db, actor, await findActivity(app.db, id));
    },
  );

  app.post(
    '/activities/:id/close',
    {
      config: { access: RUNS_ACTIVITY },
      schema: {
        tags: ['activities'],
        summary: '结束活动：未登记者记为缺席，结算积分',
        params: IdParams,
        response: withConflict,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await closeActivity(app.db, actor, request.target.activity!, app.clock.now());
      return detailOf(app.db, actor, await findActivity(app.db, request.params.id));
    },
  );

  app.put(
    '/activities/:id/record',
    {
      config: { access: RUNS_ACTIVITY },
      schema: {
        tags: ['activities'],
        summary: '填写会议记录',
        params: IdParams,
        body: RecordBody,
        response: withConflict,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await saveRecord(app.db, actor, request.target.activity!, request.body.record, app.clock.now());
      return detailOf(app.db, actor, await findActivity(app.db, request.params.id));
    },
  );
};

export default manageActivities;
