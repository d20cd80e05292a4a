// A member's activities: the list with my status, the detail, check-in and leave.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ActivityDetail,
  CheckInBody,
  CheckInResult,
  LeaveBody,
  LeaveRequest,
  MyActivities,
  MyActivitiesQuery,
} from '../contract/activities.js';
import { ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import { actorOf } from '../plugins/guard.js';
import { checkIn } from '../activities/checkin.js';
import { requestLeave } from '../activities/manage.js';
import { detailOf } from '../activities/present.js';
import { branchNames, findActivity, leaveOf, summaryOf } from '../activities/repo.js';
import { periodBounds, yearOf } from '../lib/time.js';
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
    async (request) => {
      const actor = actorOf(request);
      const now = app.clock.now();
      const { when } = request.query;
      let query = app.db
        .selectFrom('activity_invitees as i')
        .innerJoin('activities as act', 'act.id', 'i.activity_id')
        .leftJoin('attendance as a', (join) =>
          join.onRef('a.activity_id', '=', 'i.activity_id').onRef('a.member_id', '=', 'i.member_id'),
        )
        .leftJoin('leave_requests as l', (join) =>
          join.onRef('l.activity_id', '=', 'i.activity_id').onRef('l.member_id', '=', 'i.member_id'),
        )
        .selectAll('act')
        .select(['a.status as attendanceStatus', 'l.status as leaveStatus'])
        .where('i.member_id', '=', actor.memberId);
      if (when === 'upcoming') {
        query = query
          .where('act.status', '!=', 'closed')
          .where('act.ends_at', '>=', now)
          .orderBy('act.starts_at', 'asc')
          .limit(50);
      } else {
        const [from, to] = periodBounds(Date.UTC(request.query.year ?? yearOf(now), 5, 1), 'year');
        query = query
          .where((eb) => eb.or([eb('act.status', '=', 'closed'), eb('act.ends_at', '<', now)]))
          .where('act.starts_at', '>=', from)
          .where('act.starts_at', '<', to)
          .orderBy('act.starts_at', 'desc');
      }
      const rows = await query.execute();
      const names = await branchNames(app.db, rows);
      const items = rows.map((row) =>
        summaryOf(row, names, { invited: true, attendanceStatus: row.attendanceStatus, leaveStatus: row.leaveStatus }),
      );
      const tally = { present: 0, late: 0, leave: 0, absent: 0 };
      for (const item of items) {
        if (item.status !== 'cancelled' && item.myStatus && item.myStatus !== 'pending') tally[item.myStatus]++;
      }
      return { items, tally };
    },
  );

  app.get(
    '/activities/:id',
    {
      config: { access: {} },
      schema: {
        tags: ['activities'],
        summary: '活动详情（受邀党员、本支部书记、组织管理员）',
        params: IdParams,
        response: { 200: ActivityDetail, ...guardedErrors },
      },
    },
    async (request) => detailOf(app.db, actorOf(request), await findActivity(app.db, request.params.id)),
  );

  app.post(
    '/activities/:id/checkin',
    {
      config: { access: { roles: ['member'] } },
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
      return checkIn(app.db, unit, actor, request.params.id, request.body, app.clock.now(), guesses);
    },
  );

  app.post(
    '/activities/:id/leave',
    {
      config: { access: { roles: ['member'] } },
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
      await requestLeave(app.db, actor, request.params.id, request.body.reason, app.clock.now());
      const row = await app.db
        .selectFrom('leave_requests')
        .selectAll()
        .where('activity_id', '=', request.params.id)
        .where('member_id', '=', actor.memberId)
        .executeTakeFirstOrThrow();
      return leaveOf(row, actor.name);
    },
  );
};

export default activities;
