// Attendance points through the points core. The first payment for an activity uses the
// activity id as the source; if a secretary's correction reversed it and a later mark pays
// again, the source gets a suffix, so at any time a member holds at most one net payment.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { award, loadRules, reverse } from '../points/service.js';
import { attendanceRuleFor } from '../points/rules.js';
import type { ActivityRow } from './repo.js';

type Trx = Transaction<Database>;

async function attendanceEntries(trx: Trx, activityId: number, memberId: number, ruleCode: string) {
  const id = String(activityId);
  const entries = await trx
    .selectFrom('points_ledger')
    .select(['id', 'source_id'])
    .where('member_id', '=', memberId)
    .where('source_type', '=', 'activity')
    .where('rule_code', '=', ruleCode)
    .where((eb) => eb.or([eb('source_id', '=', id), eb('source_id', 'like', `${id}.%`)]))
    .execute();
  const reversed = entries.length
    ? await trx
        .selectFrom('points_ledger')
        .select('reverses_entry_id')
        .where(
          'reverses_entry_id',
          'in',
          entries.map((e) => e.id),
        )
        .execute()
    : [];
  const reversedIds = new Set(reversed.map((r) => r.reverses_entry_id));
  return { all: entries, live: entries.filter((e) => !reversedIds.has(e.id)) };
}

/** Pays the attendance rule for this activity's type, unless already paid. Returns the points added. */
export async function payAttendance(
  trx: Trx,
  activity: ActivityRow,
  memberId: number,
  opts: {
    now: number;
    actorId: number | null;
    firstTime?: boolean;
    /** When the member checked in; a secretary's mark counts from the activity's start. */
    checkedInAt?: number;
  },
): Promise<number> {
  const rules = await loadRules(trx, activity.org_id, activity.starts_at);
  const rule = attendanceRuleFor(rules, activity.type);
  if (!rule || rule.points === 0) return 0;
  let sourceId = String(activity.id);
  if (!opts.firstTime) {
    const { all, live } = await attendanceEntries(trx, activity.id, memberId, rule.code);
    if (live.length > 0) return 0;
    if (all.length > 0) sourceId = `${activity.id}.${all.length}`;
  }
  const result = await award(trx, {
    memberId,
    ruleCode: rule.code,
    sourceType: 'activity',
    sourceId,
    occurredAt: opts.checkedInAt ?? activity.starts_at,
    actorId: opts.actorId,
    onCap: 'clamp',
    now: opts.now,
    rules,
  });
  return result.created && result.entry ? result.entry.delta : 0;
}

/** Reverses a live attendance payment after a secretary marks the member leave or absent. */
export async function unpayAttendance(
  trx: Trx,
  activity: ActivityRow,
  memberId: number,
  opts: { now: number; actorId: number; reason: string },
): Promise<void> {
  const rules = await loadRules(trx, activity.org_id, activity.starts_at);
  const rule = attendanceRuleFor(rules, activity.type);
  if (!rule) return;
  const { live } = await attendanceEntries(trx, activity.id, memberId, rule.code);
  for (const entry of live) await reverse(trx, entry.id, { actorId: opts.actorId, reason: opts.reason, now: opts.now });
}

/** The organisation may set a deduction for unexcused absence (default 0: nothing is written). */
export async function chargeAbsence(trx: Trx, activity: ActivityRow, memberId: number, now: number, actorId: number) {
  const rules = await loadRules(trx, activity.org_id, activity.starts_at);
  const rule = rules.rules.find((r) => r.code === 'absence');
  if (!rule || rule.points === 0 || !rule.activityTypes?.includes(activity.type)) return;
  await award(trx, {
    memberId,
    ruleCode: 'absence',
    sourceType: 'activity',
    sourceId: activity.id,
    occurredAt: activity.starts_at,
    actorId,
    onCap: 'clamp',
    now,
  });
}
