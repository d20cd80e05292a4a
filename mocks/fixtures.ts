// Fixture builders for tests: a small organisation with two branches, a secretary each,
// an org admin, ordinary members, and a second organisation to prove scope refusals.
import type { Db } from '../server/src/db/index.js';
import { publishRules } from '../server/src/points/service.js';
import { defaultRules } from '../server/src/points/rules.js';
import { createSession } from '../server/src/auth/sessions.js';

export interface OrgFixture {
  orgId: number;
  branchA: number;
  branchB: number;
  admin: number;
  secretaryA: number;
  secretaryB: number;
  memberA1: number;
  memberA2: number;
  retiredA3: number;
  memberB1: number;
  other: { orgId: number; branch: number; admin: number; secretary: number; member: number };
}

type Role = 'member' | 'secretary' | 'org_admin';

export async function addMember(
  db: Db,
  input: {
    orgId: number;
    branchId: number | null;
    name: string;
    roles?: Role[];
    phone?: string;
    employment?: string;
    politicalStatus?: string;
  },
): Promise<number> {
  const now = Date.now();
  const row = await db
    .insertInto('members')
    .values({
      org_id: input.orgId,
      branch_id: input.branchId,
      name: input.name,
      phone: input.phone ?? '13800001234',
      gender: null,
      political_status: input.politicalStatus ?? 'full',
      employment: input.employment ?? 'in_service',
      joined_party_on: '2010-07-01',
      active: 1,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const role of input.roles ?? (input.branchId ? ['member'] : [])) {
    await db
      .insertInto('role_grants')
      .values({
        member_id: row.id,
        org_id: input.orgId,
        role,
        branch_id: role === 'secretary' ? input.branchId : null,
        created_at: now,
      })
      .execute();
  }
  return row.id;
}

async function addOrg(db: Db, name: string) {
  const now = Date.now();
  const org = await db
    .insertInto('orgs')
    .values({ name, ranking_visibility: 'opt_in', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await publishRules(db, org.id, defaultRules, null, now);
  return org.id;
}

async function addBranch(db: Db, orgId: number, name: string) {
  const row = await db
    .insertInto('branches')
    .values({ org_id: orgId, name, created_at: Date.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function buildOrgFixture(db: Db): Promise<OrgFixture> {
  const orgId = await addOrg(db, '测试机关党委');
  const branchA = await addBranch(db, orgId, '第一党支部');
  const branchB = await addBranch(db, orgId, '第二党支部');
  const otherOrg = await addOrg(db, '另一单位党委');
  const otherBranch = await addBranch(db, otherOrg, '另一单位党支部');
  return {
    orgId,
    branchA,
    branchB,
    admin: await addMember(db, { orgId, branchId: null, name: '管理员', roles: ['org_admin'] }),
    secretaryA: await addMember(db, {
      orgId,
      branchId: branchA,
      name: '甲书记',
      roles: ['member', 'secretary'],
      phone: '13911112222',
    }),
    secretaryB: await addMember(db, { orgId, branchId: branchB, name: '乙书记', roles: ['member', 'secretary'] }),
    memberA1: await addMember(db, { orgId, branchId: branchA, name: '张三', phone: '13712345678' }),
    memberA2: await addMember(db, { orgId, branchId: branchA, name: '李四', politicalStatus: 'probationary' }),
    retiredA3: await addMember(db, { orgId, branchId: branchA, name: '王老五', employment: 'retired' }),
    memberB1: await addMember(db, { orgId, branchId: branchB, name: '赵六' }),
    other: {
      orgId: otherOrg,
      branch: otherBranch,
      admin: await addMember(db, { orgId: otherOrg, branchId: null, name: '他单位管理员', roles: ['org_admin'] }),
      secretary: await addMember(db, {
        orgId: otherOrg,
        branchId: otherBranch,
        name: '他单位书记',
        roles: ['member', 'secretary'],
      }),
      member: await addMember(db, { orgId: otherOrg, branchId: otherBranch, name: '他单位党员' }),
    },
  };
}

/** A bearer header for a member, as if they had signed in. */
export async function bearer(db: Db, memberId: number, ttlMs = 60 * 60 * 1000): Promise<{ authorization: string }> {
  const session = await createSession(db, memberId, ttlMs);
  return { authorization: `Bearer ${session.token}` };
}
