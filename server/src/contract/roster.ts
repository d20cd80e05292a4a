// Roster import (名册导入) and invites in bulk (邀请单).
import { Type, type Static } from 'typebox';
import { Id, Instant } from './common.js';
import { BranchRef } from './org.js';

export const RosterImportQuery = Type.Object(
  {
    /** Only report what would happen (the default); `false` writes, after the person has seen the report. */
    dryRun: Type.Optional(Type.Boolean({ default: true })),
    /** Write the clean rows even when others are bad. Without it a file with any bad row writes nothing. */
    skipInvalid: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export const RosterField = Type.Union(
  [
    Type.Literal('externalNo'),
    Type.Literal('name'),
    Type.Literal('phone'),
    Type.Literal('employment'),
    Type.Literal('politicalStatus'),
    Type.Literal('joinedPartyOn'),
    Type.Literal('title'),
  ],
  { description: '被修改的字段' },
);
export type RosterField = Static<typeof RosterField>;

export const RosterFieldChange = Type.Object({
  field: RosterField,
  /** The column's Chinese name, e.g. 手机号. */
  label: Type.String(),
  /** As shown to the reader (phones masked as on the roster); null: empty. */
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
});

const RowRef = {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  branch: Type.String(),
};

export const RosterImportReport = Type.Object({
  code: Type.Optional(Type.String()),
  message: Type.String(),
  dryRun: Type.Boolean(),
  /** Whether anything was written by this request. */
  applied: Type.Boolean(),
  /** Rows read (blank rows are ignored). */
  total: Type.Integer({ minimum: 0 }),
  added: Type.Array(Type.Object(RowRef)),
  changed: Type.Array(Type.Object({ ...RowRef, memberId: Id, changes: Type.Array(RosterFieldChange) })),
  unchanged: Type.Array(Type.Object({ ...RowRef, memberId: Id })),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ minimum: 1 }),
      /** The row's cells joined, so the reader finds it without opening the file. */
      text: Type.String(),
      message: Type.String(),
    }),
  ),
});
export type RosterImportReport = Static<typeof RosterImportReport>;

export const InviteSheetEntry = Type.Object({
  memberId: Id,
  name: Type.String(),
  /** The one-time code; null when the member has no valid code (used, expired or never issued). */
  code: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Instant, Type.Null()]),
  /** The mini-program page that binds with this code filled in; null without a code. */
  bindPath: Type.Union([Type.String(), Type.Null()]),
});
export type InviteSheetEntry = Static<typeof InviteSheetEntry>;

export const InviteSheet = Type.Object({
  branch: BranchRef,
  /** When the codes on the sheet were issued (null: nothing issued yet). */
  issuedAt: Type.Union([Instant, Type.Null()]),
  /** Active members of the branch who have not bound WeChat yet, by name. */
  entries: Type.Array(InviteSheetEntry),
});
export type InviteSheet = Static<typeof InviteSheet>;
