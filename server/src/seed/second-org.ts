// A second, small demo organisation in the same database (DESIGN.md §8: several organisations
// may share a deployment; nothing crosses between them). It has one branch, an admin, a
// secretary and a few members, so the demo shows that one organisation's people never see the
// other's. Seeded after the first organisation, so the first one's accounts come first.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { publishRules } from '../points/service.js';
import { defaultRules } from '../points/rules.js';
import { audit } from '../lib/audit.js';

type Role = 'member' | 'secretary' | 'org_admin';

export const SECOND_DEMO_ORG = {
  orgName: '示例县直机关工委',
  branchName: '县直机关第一党支部',
  people: [
    { name: '韩立新', phone: '13600000001', roles: ['org_admin'] as Role[], inBranch: false },
    { name: '杨光明', phone: '13600000002', roles: ['member', 'secretary'] as Role[], inBranch: true },
    { name: '朱丽华', phone: '13600000003', roles: ['member'] as Role[], inBranch: true },
    { name: '秦建国', phone: '13600000004', roles: ['member'] as Role[], inBranch: true },
    { name: '尤晓燕', phone: '13600000005', roles: ['member'] as Role[], inBranch: true },
  ],
};

/** Writes the second organisation; `markAction` is the audit entry that marks a demo org. */
export async function seedSecondOrg(trx: Transaction<Database>, markAction: string, t0: number, now: number) {
  const demo = SECOND_DEMO_ORG;
  const org = await trx
    .insertInto('orgs')
    .values({ name: demo.orgName, ranking_visibility: 'opt_in', created_at: t0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, { orgId: org.id, actorId: null, action: markAction, targetType: 'org', targetId: org.id }, now);
  await publishRules(trx, org.id, defaultRules, null, t0);
  const branch = await trx
    .insertInto('branches')
    .values({ org_id: org.id, name: demo.branchName, created_at: t0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const person of demo.people) {
    const branchId = person.inBranch ? branch.id : null;
    const member = await trx
      .insertInto('members')
      .values({
        org_id: org.id,
        branch_id: branchId,
        name: person.name,
        phone: person.phone,
        gender: null,
        political_status: 'full',
        employment: 'in_service',
        joined_party_on: '2008-07-01',
        active: 1,
        created_at: t0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const role of person.roles) {
      await trx
        .insertInto('role_grants')
        .values({
          member_id: member.id,
          org_id: org.id,
          role,
          branch_id: role === 'secretary' ? branchId : null,
          created_at: t0,
        })
        .execute();
    }
  }
  return { orgId: org.id, members: demo.people.length };
}
