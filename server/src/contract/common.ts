// Shared wire primitives. The contract is the API's public shape: the app imports
// these types with `import type`, so nothing here may import server code.
import { Type, type Static, type TSchema } from 'typebox';

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647, description: '资源编号' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const BranchParams = Type.Object({ branchId: Id }, { additionalProperties: false });
export const MemberParams = Type.Object({ memberId: Id }, { additionalProperties: false });

/** A calendar date, YYYY-MM-DD, in China Standard Time. */
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD' });
/** An instant as an ISO 8601 string with offset. */
export const Instant = Type.String({ description: 'ISO 8601 时间' });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

/** branch_manager: another manager of a branch beside its secretary (组织委员, 支委…). */
export const Role = Type.Union([
  Type.Literal('member'),
  Type.Literal('secretary'),
  Type.Literal('branch_manager'),
  Type.Literal('org_admin'),
]);
export type Role = Static<typeof Role>;

export const ErrorBody = Type.Object({
  code: Type.String({ description: '稳定的错误码' }),
  message: Type.String({ description: '中文说明' }),
  details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Standard error responses every guarded route may return, merged into each route's schema. */
export const guardedErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
} as const;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) });

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000, default: 0 })),
  },
  { additionalProperties: false },
);
