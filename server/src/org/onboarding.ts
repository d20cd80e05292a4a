// The first-run checklist of a newly set-up organisation (issue #10): create branches → import
// the roster → name the secretaries → hand out invites → review the points rules. Each state is
// read from the organisation's rows, so the list is right whichever page did the work.
import type { Actor } from '../auth/actor.js';
import type { Onboarding } from '../contract/onboarding.js';
import type { Db } from '../db/index.js';
import { audit } from '../lib/audit.js';
import { toIso } from '../lib/time.js';

/** Published through the editor, or confirmed unchanged from the checklist. */
const RULES_REVIEWED = ['points.rules_publish', 'points.rules_review'];

export async function onboardingOf(db: Db, orgId: number, now = Date.now()): Promise<Onboarding> {
  const [branches, members, secretaries, invites, reviewed] = await Promise.all([
    db
      .selectFrom('branches')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('archived_at', 'is', null)
      .where('sandbox', '=', 0)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('members')
      .leftJoin('wechat_bindings', 'wechat_bindings.member_id', 'members.id')
      .select(['members.id', 'members.branch_id', 'wechat_bindings.member_id as boundId'])
      .where('members.org_id', '=', orgId)
      .where('members.active', '=', 1)
      .where('members.branch_id', 'is not', null)
      .execute(),
    db
      .selectFrom('role_grants')
      .select('branch_id')
      .where('org_id', '=', orgId)
      .where('role', '=', 'secretary')
      .execute(),
    db
      .selectFrom('invites')
      .innerJoin('members', 'members.id', 'invites.member_id')
      .select('invites.member_id')
      .where('members.org_id', '=', orgId)
      .where('invites.used_at', 'is', null)
      .where('invites.expires_at', '>', now)
      .execute(),
    db
      .selectFrom('audit_log')
      .select('created_at')
      .where('org_id', '=', orgId)
      .where('action', 'in', RULES_REVIEWED)
      .where('actor_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const live = new Set(branches.map((b) => b.id));
  const inLive = members.filter((m) => m.branch_id !== null && live.has(m.branch_id));
  const countIn = new Map<number, number>();
  for (const m of inLive) countIn.set(m.branch_id!, (countIn.get(m.branch_id!) ?? 0) + 1);
  const withSecretary = new Set(secretaries.map((s) => s.branch_id));
  const withCode = new Set(invites.map((i) => i.member_id));
  const pending = inLive.filter((m) => m.boundId === null && !withCode.has(m.id));
  const pendingIn = new Set(pending.map((m) => m.branch_id));

  const emptyBranches = branches.filter((b) => !countIn.has(b.id));
  const missing = branches.filter((b) => countIn.has(b.id) && !withSecretary.has(b.id));
  const steps = {
    branches: { done: branches.length > 0, count: branches.length },
    roster: { done: branches.length > 0 && emptyBranches.length === 0, members: inLive.length, emptyBranches },
    secretaries: { done: inLive.length > 0 && missing.length === 0, missing },
    invites: {
      done: inLive.length > 0 && pending.length === 0,
      bound: inLive.filter((m) => m.boundId !== null).length,
      withoutCode: pending.length,
      pendingBranches: branches.filter((b) => pendingIn.has(b.id)),
    },
    rules: { done: reviewed !== undefined, reviewedAt: reviewed ? toIso(Number(reviewed.created_at)) : null },
  };
  return {
    done: Object.values(steps).every((s) => s.done),
    ...steps,
  };
}

/** The org admin has read the points rules and keeps them as they are (audited). */
export async function confirmRulesReviewed(db: Db, actor: Actor, orgId: number, now = Date.now()) {
  const rules = await db
    .selectFrom('points_rule_sets')
    .select('version')
    .where('org_id', '=', orgId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  await audit(
    db,
    {
      orgId,
      actorId: actor.memberId,
      action: 'points.rules_review',
      targetType: 'org',
      targetId: orgId,
      detail: { version: rules?.version ?? null },
    },
    now,
  );
  return onboardingOf(db, orgId, now);
}
