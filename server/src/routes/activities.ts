// A member's activities: the list with my status, the detail, check-in and leave.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ActivityDetail,
  CheckInBody,
  CheckInResult,
  CheckOutBody,
  CheckOutResult,
  LeaveBody,
  LeaveDecisionParams,
  LeaveRequest,
  MyActivities,
  MyActivitiesQuery,
} from '../contract/activities.js';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import { actorOf, ANY_ACCOUNT } from '../plugins/guard.js';
import { checkIn } from '../activities/checkin.js';
import { checkOut } from '../activities/checkout.js';
import { requestLeave } from '../activities/manage.js';
import { withdrawLeave } from '../activities/leave.js';
import { detailOf } from '../activities/present.js';
import { leaveOf, myActivities } from '../activities/repo.js';
import { unitOfWork } from '../lib/group-commit.js';

const activities: FastifyPluginAsyncTypebox = async (app) => {
  const unit = unitOfWork(app.db, app.dialect);

  app.get(
    '/me/activities',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['activities'],
        summary: '我的活动：即将开始的，或某年已结束的（含我的签到情况）',
        querystring: MyActivitiesQuery,
        response: { 200: MyActivities, ...guardedErrors },
      },
    },
    async (request) => myActivities(app.db, actorOf(request).memberId, request.query, app.clock.now()),
  );

  app.get(
    '/activities/:id',
    {
      config: { access: { roles: ANY_ACCOUNT, scope: 'activity', relation: 'audienceOrManage' } },
      schema: {
        tags: ['activities'],
        summary: '活动详情（受邀党员、本支部书记、组织管理员）',
        params: IdParams,
        response: { 200: ActivityDetail, ...guardedErrors },
      },
    },
    async (request) => detailOf(app.db, actorOf(request), request.target.activity!),
  );

  app.post(
    '/activities/:id/checkin',
    {
      // Invitation is the activity's own rule (NOT_INVITED, in Chinese); the guard keeps it in the org.
      config: { access: { roles: ['member'], scope: 'activity', relation: 'org' }, idempotent: true },
      schema: {
        tags: ['activities'],
        summary: '签到：扫码（token）或输入 6 位签到码（code）',
        params: IdParams,
        body: CheckInBody,
        response: { 200: CheckInResult, 409: ErrorBody, 429: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const guesses = app.failureLimits.checkInCode.gate(request, `${actor.memberId}:${request.params.id}`);
      return checkIn(unit, actor, request.target.activity!, request.body, app.clock.now(), guesses);
    },
  );

  app.post(
    '/activities/:id/checkout',
    {
      // Volunteer activities: the same rotating code as the check-in, at the end.
      config: { access: { roles: ['member'], scope: 'activity', relation: 'org' } },
      schema: {
        tags: ['activities'],
        summary: '志愿服务活动签退：扫码或输入同一个签到码；签到到签退的时长进入志愿服务审核',
        params: IdParams,
        body: CheckOutBody,
        response: { 200: CheckOutResult, 409: ErrorBody, 429: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const guesses = app.failureLimits.checkInCode.gate(request, `${actor.memberId}:${request.params.id}`);
      return checkOut(app.db, request.target.activity!, actor, request.body, app.clock.now(), guesses);
    },
  );

  app.post(
    '/activities/:id/leave',
    {
      config: { access: { roles: ['member'], scope: 'activity', relation: 'org' }, idempotent: true },
      schema: {
        tags: ['activities'],
        summary: '活动开始前请假（须写明事由）',
        params: IdParams,
        body: LeaveBody,
        response: { 200: LeaveRequest, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await requestLeave(app.db, actor, request.target.activity!, request.body.reason, app.clock.now());
      return leaveOf(row, actor.name);
    },
  );

  app.delete(
    '/activities/:id/leave-requests/:requestId',
    {
      config: { access: { roles: ['member'], scope: 'leaveRequest', relation: 'own' } },
      schema: {
        tags: ['activities'],
        summary: '撤回本人尚未审批的请假',
        params: LeaveDecisionParams,
        response: { 204: Type.Null(), 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request, reply) => {
      await withdrawLeave(app.db, request.target.leaveRequest!);
      return reply.code(204).send(null);
    },
  );
};

export default activities;
