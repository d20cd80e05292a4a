import { Type, type Static } from 'typebox';
import { BranchRef, Employment, OrgRef, PoliticalStatus, RoleGrant } from './org.js';
import { DateString, Id, Instant, Role } from './common.js';
import { PointsSummary } from './points.js';

export const Session = Type.Object({
  token: Type.String(),
  expiresAt: Instant,
});
export type Session = Static<typeof Session>;

export const DemoAccount = Type.Object({
  memberId: Id,
  name: Type.String(),
  /** e.g. 机关第一党支部 书记 */
  title: Type.String(),
  roles: Type.Array(Role),
  branchName: Type.Union([Type.String(), Type.Null()]),
});
export type DemoAccount = Static<typeof DemoAccount>;
export const DemoAccountList = Type.Object({ accounts: Type.Array(DemoAccount) });
export type DemoAccountList = Static<typeof DemoAccountList>;

export const DemoLoginBody = Type.Object({ memberId: Id }, { additionalProperties: false });
export type DemoLoginBody = Static<typeof DemoLoginBody>;

export const WechatLoginBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, description: 'Taro.login 得到的 code' }) },
  { additionalProperties: false },
);
export type WechatLoginBody = Static<typeof WechatLoginBody>;

/** Either a session (openid already bound) or a short-lived ticket to bind with an invite code. */
export const WechatLoginResult = Type.Union([
  Type.Object({ status: Type.Literal('bound'), session: Session }),
  Type.Object({ status: Type.Literal('unbound'), bindTicket: Type.String(), expiresAt: Instant }),
]);
export type WechatLoginResult = Static<typeof WechatLoginResult>;

export const BindBody = Type.Object(
  {
    bindTicket: Type.String({ minLength: 16, maxLength: 128 }),
    inviteCode: Type.String({ pattern: '^[0-9A-Za-z]{8}$', description: '书记发放的 8 位邀请码' }),
  },
  { additionalProperties: false },
);
export type BindBody = Static<typeof BindBody>;

export const Invite = Type.Object({
  code: Type.String(),
  memberId: Id,
  memberName: Type.String(),
  expiresAt: Instant,
});
export type Invite = Static<typeof Invite>;

export const Me = Type.Object({
  id: Id,
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  politicalStatus: PoliticalStatus,
  employment: Employment,
  joinedPartyOn: Type.Union([DateString, Type.Null()]),
  org: OrgRef,
  branch: Type.Union([BranchRef, Type.Null()]),
  roles: Type.Array(Role),
  grants: Type.Array(RoleGrant),
  /** This year's points; null for an account that is not a branch member (e.g. a pure org admin). */
  points: Type.Union([PointsSummary, Type.Null()]),
});
export type Me = Static<typeof Me>;

export const Health = Type.Object({
  status: Type.Literal('ok'),
  dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  version: Type.String(),
  time: Instant,
});
export type Health = Static<typeof Health>;
