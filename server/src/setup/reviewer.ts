// The account WeChat's release reviewers sign in with (issue #11, part of setup): a plain member
// in a sandbox branch of the organisation, so the reviewer sees what any member sees (their own
// points, activities open to them) and nothing of a real branch's roster. Running it again hands
// the account to the next reviewer: the earlier WeChat binding, sessions and code end.
import type { Db } from '../db/index.js';
import { badRequest, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { newInviteCode } from '../lib/crypto.js';

export const SANDBOX_BRANCH_NAME = '审核体验支部';
export const REVIEWER_NAME = '审核体验账号';
/** A review can take days and may be repeated; an invite lives at most 30 days here. */
export const REVIEWER_MAX_DAYS = 30;

export interface ReviewerResult {
  orgId: number;
  orgName: string;
  branchId: number;
  memberId: number;
  inviteCode: string;
  inviteExpiresAt: number;
  /** The earlier reviewer's WeChat binding was released. */
  released: boolean;
}

export async function setUpReviewer(db: Db, orgName: string, days: number, now = Date.now()): Promise<ReviewerResult> {
  if (!Number.isInteger(days) || days < 1 || days > REVIEWER_MAX_DAYS) {
    throw badRequest('REVIEWER_DAYS_INVALID', `审核账号邀请码有效天数应为 1 到 ${REVIEWER_MAX_DAYS} 天`);
  }
  const name = orgName.trim();
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('orgs').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
    if (!org) throw notFound(`组织「${name}」`, 'ORG_NOT_FOUND');
    let branch = await trx
      .selectFrom('branches')
      .select('id')
      .where('org_id', '=', org.id)
      .where('sandbox', '=', 1)
      .orderBy('id')
      .executeTakeFirst();
    if (!branch) {
      branch = await trx
        .insertInto('branches')
        .values({ org_id: org.id, name: SANDBOX_BRANCH_NAME, created_at: now, archived_at: null, sandbox: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    let reviewer = await trx
      .selectFrom('members')
      .select('id')
      .where('branch_id', '=', branch.id)
      .where('name', '=', REVIEWER_NAME)
      .orderBy('id')
      .executeTakeFirst();
    if (!reviewer) {
      reviewer = await trx
        .insertInto('members')
        .values({
          org_id: org.id,
          branch_id: branch.id,
          name: REVIEWER_NAME,
          phone: null,
          gender: null,
          political_status: 'full',
          employment: 'in_service',
          joined_party_on: null,
          active: 1,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_grants')
        .values({ member_id: reviewer.id, org_id: org.id, role: 'member', branch_id: null, created_at: now })
        .execute();
    }
    await trx.updateTable('members').set({ active: 1 }).where('id', '=', reviewer.id).execute();
    // The account is not a person: the next reviewer takes it over from the last one.
    const released = await trx.deleteFrom('wechat_bindings').where('member_id', '=', reviewer.id).executeTakeFirst();
    await trx.deleteFrom('sessions').where('member_id', '=', reviewer.id).execute();
    await trx
      .updateTable('invites')
      .set({ expires_at: now })
      .where('member_id', '=', reviewer.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const inviteCode = newInviteCode();
    const inviteExpiresAt = now + days * 86_400_000;
    await trx
      .insertInto('invites')
      .values({
        code: inviteCode,
        member_id: reviewer.id,
        issued_by: reviewer.id,
        expires_at: inviteExpiresAt,
        used_at: null,
        created_at: now,
      })
      .execute();
    await audit(
      trx,
      {
        orgId: org.id,
        actorId: null,
        action: 'org.reviewer',
        targetType: 'member',
        targetId: reviewer.id,
        detail: { branchId: branch.id, days, released: Number(released.numDeletedRows) > 0 },
      },
      now,
    );
    return {
      orgId: org.id,
      orgName: org.name,
      branchId: branch.id,
      memberId: reviewer.id,
      inviteCode,
      inviteExpiresAt,
      released: Number(released.numDeletedRows) > 0,
    };
  });
}

/** What the organisation pastes into 审核备注 when it submits a release for review. */
export function reviewNotes(result: Pick<ReviewerResult, 'inviteCode' | 'inviteExpiresAt'>, expires: string): string {
  return (
    `本小程序供机关党支部党员使用，需由支部发放的邀请码绑定微信后登录。审核体验账号：` +
    `打开小程序，点击“微信登录”，在“输入邀请码”处填写 ${result.inviteCode} 并确认，即以体验党员身份登录` +
    `（所在“${SANDBOX_BRANCH_NAME}”不含真实党员数据）。邀请码有效期至 ${expires}（北京时间），只能绑定一个微信号。`
  );
}
