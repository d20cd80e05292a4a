// First run for a real organisation (DESIGN.md §8): the organisation, its first org admin as a
// member without a branch, the default points rules and a one-time invite the admin binds from
// the mini-program. No demo data; ranking visibility starts `off` (国办函〔2026〕12号): the
// admin turns it on deliberately.
import type { Db } from '../db/index.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import { newInviteCode } from '../lib/crypto.js';
import { pointsTransaction, publishRules } from '../points/service.js';
import { defaultRules } from '../points/rules.js';

export const SETUP_ACTION = 'org.setup';

export interface SetupInput {
  orgName: string;
  adminName: string;
  adminPhone?: string | null;
}

export interface SetupResult {
  orgId: number;
  orgName: string;
  adminId: number;
  adminName: string;
  inviteCode: string;
  inviteExpiresAt: number;
}

const PHONE = /^1\d{10}$/;

function clean(input: SetupInput): Required<SetupInput> {
  const orgName = input.orgName.trim();
  const adminName = input.adminName.trim();
  const adminPhone = input.adminPhone?.trim() || null;
  if (!orgName || orgName.length > 60) throw badRequest('ORG_NAME_INVALID', '组织名称不能为空，且不超过 60 个字');
  if (!adminName || adminName.length > 30)
    throw badRequest('ADMIN_NAME_INVALID', '管理员姓名不能为空，且不超过 30 个字');
  if (adminPhone && !PHONE.test(adminPhone)) throw badRequest('PHONE_INVALID', '手机号应为 11 位数字，以 1 开头');
  return { orgName, adminName, adminPhone };
}

/**
 * Creates the organisation and its first admin's invite in one transaction. A second call with
 * the same organisation name (ignoring surrounding spaces) is refused with 409 ORG_EXISTS and
 * writes nothing; any other name adds another organisation to the deployment.
 */
export async function setUpOrganisation(
  db: Db,
  input: SetupInput,
  inviteTtlMs: number,
  now = Date.now(),
): Promise<SetupResult> {
  const { orgName, adminName, adminPhone } = clean(input);
  // The rules are published through the points core, which wants its own kind of transaction.
  return pointsTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('orgs').select('id').where('name', '=', orgName).executeTakeFirst();
    if (existing) {
      throw conflict('ORG_EXISTS', `已有名为「${orgName}」的组织（编号 ${existing.id}），未重复创建`);
    }
    const org = await trx
      .insertInto('orgs')
      .values({ name: orgName, ranking_visibility: 'off', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await publishRules(trx, org.id, defaultRules, null, now);
    const admin = await trx
      .insertInto('members')
      .values({
        org_id: org.id,
        branch_id: null,
        name: adminName,
        phone: adminPhone,
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
      .values({ member_id: admin.id, org_id: org.id, role: 'org_admin', branch_id: null, created_at: now })
      .execute();
    const inviteCode = newInviteCode();
    const inviteExpiresAt = now + inviteTtlMs;
    // Nobody has signed in yet: the invite is issued in the admin's own name.
    await trx
      .insertInto('invites')
      .values({
        code: inviteCode,
        member_id: admin.id,
        issued_by: admin.id,
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
        action: SETUP_ACTION,
        targetType: 'org',
        targetId: org.id,
        detail: { orgName, adminId: admin.id, adminName },
      },
      now,
    );
    return { orgId: org.id, orgName, adminId: admin.id, adminName, inviteCode, inviteExpiresAt };
  });
}

/**
 * A new one-time invite for the organisation's first admin when the printed one was lost or ran
 * out before anyone bound it. Once an org admin has bound WeChat, invites come from 管理, so this
 * is refused (409 ADMIN_ALREADY_BOUND). The earlier unused code stops working.
 */
export async function reissueAdminInvite(
  db: Db,
  orgName: string,
  inviteTtlMs: number,
  now = Date.now(),
): Promise<SetupResult> {
  const name = orgName.trim();
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirst();
    if (!org) throw notFound(`组织「${name}」`, 'ORG_NOT_FOUND');
    const admins = await trx
      .selectFrom('role_grants')
      .innerJoin('members', 'members.id', 'role_grants.member_id')
      .leftJoin('wechat_bindings', 'wechat_bindings.member_id', 'members.id')
      .select(['members.id', 'members.name', 'wechat_bindings.openid'])
      .where('role_grants.org_id', '=', org.id)
      .where('role_grants.role', '=', 'org_admin')
      .where('members.active', '=', 1)
      .orderBy('members.id')
      .execute();
    if (admins.some((a) => a.openid !== null)) {
      throw conflict('ADMIN_ALREADY_BOUND', '本组织已有管理员绑定微信，请由其在「管理」中发放邀请码');
    }
    const admin = admins[0];
    if (!admin) throw notFound(`组织「${name}」的管理员`, 'ADMIN_NOT_FOUND');
    await trx
      .updateTable('invites')
      .set({ expires_at: now })
      .where('member_id', '=', admin.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const inviteCode = newInviteCode();
    const inviteExpiresAt = now + inviteTtlMs;
    await trx
      .insertInto('invites')
      .values({
        code: inviteCode,
        member_id: admin.id,
        issued_by: admin.id,
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
        action: 'invite.issue',
        targetType: 'member',
        targetId: admin.id,
        detail: { via: 'setup' },
      },
      now,
    );
    return { orgId: org.id, orgName: name, adminId: admin.id, adminName: admin.name, inviteCode, inviteExpiresAt };
  });
}
