// 组织与成员: branches, roles and the roster as the organisation keeps them.
// Branches and roles are the org admin's; a branch's managers add and edit its members;
// moving, deactivating and reactivating a member are the org admin's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BranchParams, guardedErrors, Id, MemberParams } from '../contract/common.js';
import {
  BranchNameBody,
  BranchSaved,
  DeactivateBody,
  EditMemberBody,
  MemberRecord,
  MemberDirectory,
  MemberDirectoryQuery,
  MoveMemberBody,
  NewMemberBody,
  ReactivateBody,
  RoleChangeBody,
  RoleHolders,
} from '../contract/people.js';
import { actorOf, MANAGERS } from '../plugins/guard.js';
import { archiveBranch, createBranch, grantRole, renameBranch, revokeRole, roleHolders } from '../org/people.js';
import {
  addMember,
  deactivateMember,
  editMember,
  memberRecord,
  memberTable,
  moveMember,
  reactivateMember,
} from '../members/manage.js';

const OrgParams = Type.Object({ orgId: Id }, { additionalProperties: false });
const Changed = Type.Object({ changed: Type.Boolean() });
const conflictErrors = { ...guardedErrors, 409: guardedErrors[400] };
const orgAdmin = { roles: ['org_admin' as const] };

const people: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/orgs/:orgId/branches',
    {
      config: { access: { ...orgAdmin, scope: 'org' } },
      schema: {
        tags: ['people'],
        summary: '新建支部（组织管理员）',
        params: OrgParams,
        body: BranchNameBody,
        response: { 200: BranchSaved, ...conflictErrors },
      },
    },
    async (request) => createBranch(app.db, actorOf(request), request.params.orgId, request.body.name),
  );

  app.patch(
    '/branches/:branchId',
    {
      config: { access: { ...orgAdmin, scope: 'branch' } },
      schema: {
        tags: ['people'],
        summary: '修改支部名称（组织管理员）',
        params: BranchParams,
        body: BranchNameBody,
        response: { 200: BranchSaved, ...conflictErrors },
      },
    },
    async (request) => renameBranch(app.db, actorOf(request), request.target.branch!, request.body.name),
  );

  app.post(
    '/branches/:branchId/archive',
    {
      config: { access: { ...orgAdmin, scope: 'branch' } },
      schema: {
        tags: ['people'],
        summary: '撤销支部：仅限没有在册党员的支部（组织管理员）',
        params: BranchParams,
        response: { 200: BranchSaved, ...conflictErrors },
      },
    },
    async (request) => archiveBranch(app.db, actorOf(request), request.target.branch!),
  );

  app.get(
    '/orgs/:orgId/roles',
    {
      config: { access: { ...orgAdmin, scope: 'org' } },
      schema: {
        tags: ['people'],
        summary: '本单位的书记、支部管理人员和组织管理员',
        params: OrgParams,
        response: { 200: RoleHolders, ...guardedErrors },
      },
    },
    async (request) => roleHolders(app.db, request.params.orgId),
  );

  app.post(
    '/members/:memberId/roles',
    {
      // Nobody appoints themselves.
      config: { access: { ...orgAdmin, scope: 'member', decides: true } },
      schema: {
        tags: ['people'],
        summary: '任命：支部书记、支部管理人员（组织委员等）或组织管理员',
        params: MemberParams,
        body: RoleChangeBody,
        response: { 200: Changed, ...conflictErrors },
      },
    },
    async (request) => grantRole(app.db, actorOf(request), request.target.member!, request.body),
  );

  app.delete(
    '/members/:memberId/roles',
    {
      // Stepping down oneself is allowed; the last org admin cannot (domain rule).
      config: { access: { ...orgAdmin, scope: 'member' } },
      schema: {
        tags: ['people'],
        summary: '免去职务',
        params: MemberParams,
        querystring: RoleChangeBody,
        response: { 200: Changed, ...conflictErrors },
      },
    },
    async (request) => revokeRole(app.db, actorOf(request), request.target.member!, request.query),
  );

  app.get(
    '/orgs/:orgId/members',
    {
      config: { access: { ...orgAdmin, scope: 'org' } },
      schema: {
        tags: ['people'],
        summary: '全单位党员名册：按姓名查找，按支部、在职/退休、是否绑定微信筛选',
        params: OrgParams,
        querystring: MemberDirectoryQuery,
        response: { 200: MemberDirectory, ...guardedErrors },
      },
    },
    async (request) => memberTable(app.db, actorOf(request), { orgId: request.params.orgId }, request.query),
  );

  app.get(
    '/branches/:branchId/member-table',
    {
      config: { access: { roles: MANAGERS, scope: 'branch' } },
      schema: {
        tags: ['people'],
        summary: '本支部党员名册：查找与筛选（本支部管理人员、组织管理员）',
        params: BranchParams,
        querystring: MemberDirectoryQuery,
        response: { 200: MemberDirectory, ...guardedErrors },
      },
    },
    async (request) => {
      const branch = request.target.branch!;
      return memberTable(app.db, actorOf(request), { orgId: branch.org_id, branchId: branch.id }, request.query);
    },
  );

  app.post(
    '/branches/:branchId/people',
    {
      config: { access: { roles: MANAGERS, scope: 'branch' } },
      schema: {
        tags: ['people'],
        summary: '手工添加党员（本支部管理人员、组织管理员）',
        params: BranchParams,
        body: NewMemberBody,
        response: { 200: MemberRecord, ...conflictErrors },
      },
    },
    async (request) => addMember(app.db, actorOf(request), request.target.branch!, request.body),
  );

  app.get(
    '/members/:memberId',
    {
      config: { access: { roles: MANAGERS, scope: 'member' } },
      schema: {
        tags: ['people'],
        summary: '党员详情（本支部管理人员、组织管理员）',
        params: MemberParams,
        response: { 200: MemberRecord, ...guardedErrors },
      },
    },
    async (request) => memberRecord(app.db, actorOf(request), request.params.memberId),
  );

  app.patch(
    '/members/:memberId',
    {
      // Nobody edits their own record (name, phone, 在职/退休): another manager does.
      config: { access: { roles: MANAGERS, scope: 'member', decides: true } },
      schema: {
        tags: ['people'],
        summary: '修改党员信息，含在职/退休（本支部管理人员、组织管理员；不能修改本人）',
        params: MemberParams,
        body: EditMemberBody,
        response: { 200: MemberRecord, ...conflictErrors },
      },
    },
    async (request) => editMember(app.db, actorOf(request), request.target.member!, request.body),
  );

  app.post(
    '/members/:memberId/move',
    {
      config: { access: { ...orgAdmin, scope: 'member', decides: true } },
      schema: {
        tags: ['people'],
        summary: '组织关系转接到本单位另一支部（组织管理员；不能转接本人）',
        params: MemberParams,
        body: MoveMemberBody,
        response: { 200: MemberRecord, ...conflictErrors },
      },
    },
    async (request) => moveMember(app.db, actorOf(request), request.target.member!, request.body.branchId),
  );

  app.post(
    '/members/:memberId/deactivate',
    {
      config: { access: { ...orgAdmin, scope: 'member', decides: true } },
      schema: {
        tags: ['people'],
        summary: '停用党员：转出、去世或其他（组织管理员）',
        params: MemberParams,
        body: DeactivateBody,
        response: { 200: MemberRecord, ...conflictErrors },
      },
    },
    async (request) => deactivateMember(app.db, actorOf(request), request.target.member!, request.body),
  );

  app.post(
    '/members/:memberId/reactivate',
    {
      config: { access: { ...orgAdmin, scope: 'member', decides: true } },
      schema: {
        tags: ['people'],
        summary: '恢复已停用的党员（组织管理员）',
        params: MemberParams,
        body: ReactivateBody,
        response: { 200: MemberRecord, ...conflictErrors },
      },
    },
    async (request) => reactivateMember(app.db, actorOf(request), request.target.member!, request.body.branchId),
  );
};

export default people;
