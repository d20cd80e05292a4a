// Branches, members and roles as the organisation runs them (管理 → 组织与成员).
import { Type, type Static } from 'typebox';
import { DateString, Id } from './common.js';
import { BranchRef, Employment, PoliticalStatus, RoleGrant, RosterMember } from './org.js';

const Name = Type.String({ minLength: 1, maxLength: 30, pattern: '\\S', description: '姓名' });
const Phone = Type.Union([Type.String({ pattern: '^1\\d{10}$', description: '11 位手机号' }), Type.Null()]);

export const BranchNameBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 40, pattern: '\\S', description: '支部名称' }) },
  { additionalProperties: false },
);
export type BranchNameBody = Static<typeof BranchNameBody>;

export const BranchSaved = Type.Object({ id: Id, name: Type.String(), archived: Type.Boolean() });
export type BranchSaved = Static<typeof BranchSaved>;

export const DeactivationReason = Type.Union(
  [Type.Literal('transferred'), Type.Literal('deceased'), Type.Literal('other')],
  { description: 'transferred 转出 / deceased 去世 / other 其他' },
);
export type DeactivationReason = Static<typeof DeactivationReason>;

/** A member as the member table and the detail page show them. */
export const MemberRecord = Type.Object({
  ...RosterMember.properties,
  active: Type.Boolean(),
  deactivatedOn: Type.Union([DateString, Type.Null()]),
  deactivationReason: Type.Union([DeactivationReason, Type.Null()]),
  grants: Type.Array(RoleGrant),
});
export type MemberRecord = Static<typeof MemberRecord>;

export const MemberDirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 30, description: '按姓名查找' })),
    branchId: Type.Optional(Id),
    employment: Type.Optional(Employment),
    bound: Type.Optional(Type.Union([Type.Literal('bound'), Type.Literal('unbound')])),
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('all')], { default: 'active' }),
    ),
  },
  { additionalProperties: false },
);
export type MemberDirectoryQuery = Static<typeof MemberDirectoryQuery>;

export const MemberDirectory = Type.Object({
  items: Type.Array(MemberRecord),
  total: Type.Integer({ minimum: 0 }),
  branches: Type.Array(BranchRef),
});
export type MemberDirectory = Static<typeof MemberDirectory>;

export const NewMemberBody = Type.Object(
  {
    name: Name,
    phone: Type.Optional(Phone),
    employment: Employment,
    politicalStatus: PoliticalStatus,
    joinedPartyOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewMemberBody = Static<typeof NewMemberBody>;

export const EditMemberBody = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Phone),
    employment: Type.Optional(Employment),
    politicalStatus: Type.Optional(PoliticalStatus),
    joinedPartyOn: Type.Optional(Type.Union([DateString, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type EditMemberBody = Static<typeof EditMemberBody>;

export const MoveMemberBody = Type.Object({ branchId: Id }, { additionalProperties: false });
export type MoveMemberBody = Static<typeof MoveMemberBody>;

export const DeactivateBody = Type.Object(
  {
    reason: DeactivationReason,
    on: DateString,
    note: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type DeactivateBody = Static<typeof DeactivateBody>;

export const ReactivateBody = Type.Object(
  { branchId: Type.Optional(Id) },
  { additionalProperties: false, description: '回到原支部，或指定一个支部' },
);
export type ReactivateBody = Static<typeof ReactivateBody>;

/** The roles an org admin hands out; `member` comes with every roster entry. */
export const GrantableRole = Type.Union([
  Type.Literal('secretary'),
  Type.Literal('branch_manager'),
  Type.Literal('org_admin'),
]);
export type GrantableRole = Static<typeof GrantableRole>;

export const RoleChangeBody = Type.Object(
  {
    role: GrantableRole,
    /** The branch for secretary and branch_manager; none for org_admin. */
    branchId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type RoleChangeBody = Static<typeof RoleChangeBody>;

export const RoleHolder = Type.Object({
  memberId: Id,
  name: Type.String(),
  role: GrantableRole,
  branch: Type.Union([BranchRef, Type.Null()]),
});
export type RoleHolder = Static<typeof RoleHolder>;

export const RoleHolders = Type.Object({ items: Type.Array(RoleHolder) });
export type RoleHolders = Static<typeof RoleHolders>;
