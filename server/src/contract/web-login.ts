// Web console sign-in by QR: a browser asks for a ticket and shows its QR, a manager signed
// in to the mini-program scans and confirms, the browser collects a session once.
import { Type, type Static } from 'typebox';
import { Instant, Role } from './common.js';
import { Session } from './auth.js';

const TicketId = Type.String({ pattern: '^[A-Za-z0-9_-]{16}$', description: '二维码编号' });
const TicketSecret = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });

export const WebTicketParams = Type.Object({ id: TicketId });
export type WebTicketParams = Static<typeof WebTicketParams>;

export const WebTicket = Type.Object({
  id: TicketId,
  /** Kept by the browser to collect the session; never shown in the QR. */
  secret: TicketSecret,
  /** What the QR encodes: `xianfeng:weblogin:<id>:<code>`. */
  qr: Type.String(),
  expiresAt: Instant,
});
export type WebTicket = Static<typeof WebTicket>;

export const WebTicketPollBody = Type.Object({ secret: TicketSecret }, { additionalProperties: false });
export type WebTicketPollBody = Static<typeof WebTicketPollBody>;

/**
 * pending: waiting for a scan; scanned: a phone opened it; confirmed: `session` is here, this
 * once; refused / expired: show a new QR; used: the session was already collected.
 */
export const WebTicketState = Type.Object({
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('scanned'),
    Type.Literal('confirmed'),
    Type.Literal('refused'),
    Type.Literal('expired'),
    Type.Literal('used'),
  ]),
  expiresAt: Instant,
  session: Type.Optional(Session),
  /** Who signed in (with `session`). */
  account: Type.Optional(Type.Object({ name: Type.String(), roles: Type.Array(Role) })),
});
export type WebTicketState = Static<typeof WebTicketState>;

export const WebTicketCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$', description: '二维码中的确认码' }) },
  { additionalProperties: false },
);
export type WebTicketCodeBody = Static<typeof WebTicketCodeBody>;

/** What the phone shows before the person confirms. */
export const WebTicketPreview = Type.Object({
  browser: Type.String(),
  createdAt: Instant,
  expiresAt: Instant,
});
export type WebTicketPreview = Static<typeof WebTicketPreview>;

export const WebTicketDecision = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('refused')]),
});
export type WebTicketDecision = Static<typeof WebTicketDecision>;

export const WebSessionsRevoked = Type.Object({ ended: Type.Integer({ minimum: 0 }) });
export type WebSessionsRevoked = Static<typeof WebSessionsRevoked>;
