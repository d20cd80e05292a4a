import { Type, type Static } from 'typebox';
import { DateString, Id, Role } from './common.js';

export const PoliticalStatus = Type.Union([Type.Literal('full'), Type.Literal('probationary')], {
  description: 'full 正式党员 / probationary 预备党员',
});
export const Employment = Type.Union([Type.Literal('in_service'), Type.Literal('retired')], {
  description: 'in_service 在职 / retired 退休',
});

export const BranchRef = Type.Object({ id: Id, name: Type.String() });
export type BranchRef = Static<typeof BranchRef>;
export const OrgRef = Type.Object({ id: Id, name: Type.String() });
export type OrgRef = Static<typeof OrgRef>;

export const RoleGrant = Type.Object({
  role: Role,
  /** The branch a secretary or branch manager acts for; null for member and org_admin grants. */
  branchId: Type.Union([Id, Type.Null()]),
});
export type RoleGrant = Static<typeof RoleGrant>;

export const RosterMember = Type.Object({
  id: Id,
  name: Type.String(),
  /** Masked (138****1234) unless the reader is the member or the member's own secretary. */
  phone: Type.Union([Type.String(), Type.Null()]),
  politicalStatus: PoliticalStatus,
  employment: Employment,
  joinedPartyOn: Type.Union([DateString, Type.Null()]),
  branch: Type.Union([BranchRef, Type.Null()]),
  roles: Type.Array(Role),
  wechatBound: Type.Boolean(),
});
export type RosterMember = Static<typeof RosterMember>;

export const Branch = Type.Object({
  id: Id,
  name: Type.String(),
  memberCount: Type.Integer({ minimum: 0 }),
  secretaries: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  /** Other managers of the branch (组织委员, 支委…): migration 0009. */
  managers: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  /** Active members not yet bound to WeChat. */
  unboundCount: Type.Integer({ minimum: 0 }),
  archived: Type.Boolean(),
  /** Present (true) only for the sandbox branch of the WeChat reviewer account (setup --reviewer). */
  sandbox: Type.Optional(Type.Literal(true)),
});
export type Branch = Static<typeof Branch>;

export const BranchList = Type.Object({ org: OrgRef, branches: Type.Array(Branch) });
export type BranchList = Static<typeof BranchList>;

export const Roster = Type.Object({ branch: BranchRef, members: Type.Array(RosterMember) });
export type Roster = Static<typeof Roster>;
