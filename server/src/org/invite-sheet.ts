// The branch's invite sheet (邀请单): one slip per active member who has not bound WeChat yet,
// with a one-time code and a QR that opens the binding page with the code filled in.
//
// Issuing a code voids the member's earlier one (so only the latest slip handed out works), so
// the sheet is generated deliberately (POST) and then viewed and printed as often as needed
// (GET), which shows the codes still valid and never issues any. The GET is also the list of who
// has not bound yet: a member whose code was used, expired or never issued shows without one.
import type { Actor } from '../auth/actor.js';
import type { InviteSheet } from '../contract/roster.js';
import type { Db } from '../db/index.js';
import { audit } from '../lib/audit.js';
import { newInviteCode } from '../lib/crypto.js';
import { toIso } from '../lib/time.js';

/** The mini-program page that binds a WeChat account, with the code filled in. */
export const bindPath = (code: string) => `pages/login/index?code=${code}`;

async function unboundMembers(db: Db, branchId: number) {
  return db
    .selectFrom('members')
    .leftJoin('wechat_bindings', 'wechat_bindings.member_id', 'members.id')
    .select(['members.id', 'members.name'])
    .where('members.branch_id', '=', branchId)
    .where('members.active', '=', 1)
    .where('wechat_bindings.openid', 'is', null)
    .orderBy('members.name')
    .orderBy('members.id')
    .execute();
}

export async function inviteSheetOf(
  db: Db,
  branch: { id: number; name: string },
  now = Date.now(),
): Promise<InviteSheet> {
  const members = await unboundMembers(db, branch.id);
  const invites = members.length
    ? await db
        .selectFrom('invites')
        .select(['member_id', 'code', 'expires_at', 'created_at'])
        .where(
          'member_id',
          'in',
          members.map((m) => m.id),
        )
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at')
        .execute()
    : [];
  // Issuing voids earlier codes, so at most one is valid; the latest wins if two ever were.
  const valid = new Map(invites.map((i) => [i.member_id, i]));
  const issued = invites.map((i) => i.created_at);
  return {
    branch: { id: branch.id, name: branch.name },
    issuedAt: issued.length ? toIso(Math.max(...issued)) : null,
    entries: members.map((m) => {
      const invite = valid.get(m.id);
      return {
        memberId: m.id,
        name: m.name,
        code: invite?.code ?? null,
        expiresAt: invite ? toIso(invite.expires_at) : null,
        bindPath: invite ? bindPath(invite.code) : null,
      };
    }),
  };
}

/** New codes for every active unbound member of the branch but the actor, voiding their earlier ones; one audit entry. */
export async function issueInviteSheet(
  db: Db,
  actor: Actor,
  branch: { id: number; name: string; org_id: number },
  ttlMs: number,
  now = Date.now(),
): Promise<InviteSheet> {
  await db.transaction().execute(async (trx) => {
    // Nobody hands themselves a binding code (see POST /branches/:branchId/invites): a manager
    // still unbound gets theirs from another manager or the org admin.
    const members = (await unboundMembers(trx, branch.id)).filter((m) => m.id !== actor.memberId);
    if (!members.length) return;
    const ids = members.map((m) => m.id);
    await trx
      .updateTable('invites')
      .set({ expires_at: now })
      .where('member_id', 'in', ids)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    await trx
      .insertInto('invites')
      .values(
        ids.map((memberId) => ({
          code: newInviteCode(),
          member_id: memberId,
          issued_by: actor.memberId,
          expires_at: now + ttlMs,
          used_at: null,
          created_at: now,
        })),
      )
      .execute();
    await audit(
      trx,
      {
        orgId: branch.org_id,
        actorId: actor.memberId,
        action: 'invite.sheet',
        targetType: 'branch',
        targetId: branch.id,
        detail: { issued: ids.length },
      },
      now,
    );
  });
  // Read back after the write: `expires_at > now` must count the new codes, not the voided ones.
  return inviteSheetOf(db, branch, now);
}
