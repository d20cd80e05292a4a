// The org admin's rule editor: the versions, a preview of what a draft would do to this year's
// star levels, and publishing a draft from a chosen date. Publishing goes through publishRules
// (service.ts), which owns versions and the year's base score.
import type { Db } from '../db/index.js';
import type { PointsRules, RulesAdmin, RulesPreview, RulesPreviewBody, RulesPublishBody } from '../contract/points.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { cst, toIso, yearOf } from '../lib/time.js';
import { audit } from '../lib/audit.js';
import { isYearClosed, loadRules, pointsTransaction, publishRules, yearBase } from './service.js';
import { starLevelOf } from './rules.js';
import { applyDraft, describeChanges, RULES_LIMITS, type FieldError } from './rules-check.js';

const DAY = 24 * 60 * 60 * 1000;
const dateOf = (ms: number) => cst(ms).format('YYYY-MM-DD');
/** 00:00 China time of a YYYY-MM-DD date, or null when it is no real date. */
function dayStart(date: string): number | null {
  const ms = Date.parse(`${date}T00:00:00+08:00`);
  return Number.isNaN(ms) || dateOf(ms) !== date ? null : ms;
}

function withoutVersion(rules: PointsRules): Omit<PointsRules, 'version' | 'effectiveFrom'> {
  const { version: _v, effectiveFrom: _e, ...rest } = rules;
  return rest;
}

async function versionRows(db: Db, orgId: number) {
  return db
    .selectFrom('points_rule_sets as s')
    .leftJoin('members as m', 'm.id', 's.created_by')
    .select(['s.version', 's.rules', 's.effective_from', 's.created_at', 'm.name'])
    .where('s.org_id', '=', orgId)
    .orderBy('s.version', 'desc')
    .execute();
}

/** The rules in effect now with the day they took effect: what members read. */
export async function rulesInEffect(db: Db, orgId: number, now = Date.now()): Promise<PointsRules> {
  const rules = await loadRules(db, orgId, now);
  const row = await db
    .selectFrom('points_rule_sets')
    .select('effective_from')
    .where('org_id', '=', orgId)
    .where('version', '=', rules.version)
    .executeTakeFirst();
  return row ? { ...rules, effectiveFrom: dateOf(row.effective_from) } : rules;
}

export async function rulesAdmin(db: Db, orgId: number, now = Date.now()): Promise<RulesAdmin> {
  const [current, rows] = await Promise.all([rulesInEffect(db, orgId, now), versionRows(db, orgId)]);
  // Superseded: replaced, before its date came, by a later version taking effect no later.
  const versions = rows.map((row) => {
    const superseded = rows.some(
      (o) => o.version > row.version && o.effective_from <= row.effective_from && o.created_at < row.effective_from,
    );
    const status =
      row.version === current.version
        ? ('in_effect' as const)
        : superseded
          ? ('superseded' as const)
          : row.effective_from > now
            ? ('scheduled' as const)
            : ('past' as const);
    return {
      version: row.version,
      effectiveFrom: dateOf(row.effective_from),
      publishedAt: toIso(row.created_at),
      publishedBy: row.name ?? null,
      status,
      rules: row.rules,
    };
  });
  const next = versions.filter((v) => v.status === 'scheduled').at(-1);
  const scheduled = next
    ? {
        ...(JSON.parse(next.rules) as Omit<PointsRules, 'version'>),
        version: next.version,
        effectiveFrom: next.effectiveFrom,
      }
    : null;
  return {
    current,
    scheduled,
    versions: versions.map(({ rules: _r, ...v }) => v),
    limits: RULES_LIMITS,
    today: dateOf(now),
  };
}

function invalid(errors: FieldError[]): AppError {
  return new AppError(400, 'RULES_INVALID', `积分规则有 ${errors.length} 处需要修改：${errors[0]!.message}`, errors);
}

/** The draft checked against the rules in effect, and the day it would take effect. */
async function checkedDraft(db: Db, orgId: number, body: RulesPreviewBody, now: number) {
  const current = await loadRules(db, orgId, now);
  const { rules, errors } = applyDraft(withoutVersion(current), body.rules);
  let effectiveFrom = dayStart(dateOf(now))!;
  if (body.effectiveFrom !== undefined) {
    const day = dayStart(body.effectiveFrom);
    if (day === null) errors.push({ field: 'effectiveFrom', message: '生效日期不是有效的日期' });
    else if (day < effectiveFrom) errors.push({ field: 'effectiveFrom', message: '生效日期不能早于今天' });
    else if (day > effectiveFrom + 366 * DAY)
      errors.push({ field: 'effectiveFrom', message: '生效日期不能晚于一年以后' });
    else effectiveFrom = day;
  }
  if (errors.length > 0) throw invalid(errors);
  return { current, rules, effectiveFrom };
}

/**
 * What the draft would do to this year's star levels, from the totals as they stand (nothing
 * is written). A new base score counts when the draft would take effect within this year.
 */
export async function previewRules(
  db: Db,
  orgId: number,
  body: RulesPreviewBody,
  now = Date.now(),
): Promise<RulesPreview> {
  const { current, rules, effectiveFrom } = await checkedDraft(db, orgId, body, now);
  const year = yearOf(now);
  const [base, closed, rows] = await Promise.all([
    yearBase(db, orgId, year),
    isYearClosed(db, orgId, year),
    db
      .selectFrom('members as m')
      .innerJoin('branches as b', 'b.id', 'm.branch_id')
      .leftJoin('points_totals as pt', (join) => join.onRef('pt.member_id', '=', 'm.id').on('pt.year', '=', year))
      .select(['m.id', 'm.name', 'b.name as branch_name', 'pt.base', 'pt.earned'])
      .where('m.org_id', '=', orgId)
      .where('m.active', '=', 1)
      .orderBy('b.id')
      .orderBy('m.id')
      .execute(),
  ]);
  const rebase = !closed && yearOf(effectiveFrom) === year;
  const items = rows
    .map((r) => {
      const oldBase = r.base ?? base;
      const earned = r.earned ?? 0;
      const oldTotal = oldBase + earned;
      const newTotal = (rebase ? rules.baseScore : oldBase) + earned;
      return {
        memberId: r.id,
        name: r.name,
        branchName: r.branch_name,
        oldTotal,
        newTotal,
        oldLevel: starLevelOf(oldTotal, current),
        newLevel: starLevelOf(newTotal, rules),
      };
    })
    .filter((m) => m.oldLevel.stars !== m.newLevel.stars);
  return {
    year,
    members: rows.length,
    levelChanged: items.length,
    items,
    changes: describeChanges(withoutVersion(current), rules),
  };
}

/** Publishes the draft as a new version from the chosen date; audited with what changed. */
export async function publishDraft(
  db: Db,
  actor: Actor,
  orgId: number,
  body: RulesPublishBody,
  now = Date.now(),
): Promise<RulesAdmin> {
  const { current, rules, effectiveFrom } = await checkedDraft(db, orgId, body, now);
  const changes = describeChanges(withoutVersion(current), rules);
  const view = await rulesAdmin(db, orgId, now);
  // Publishing the rules in effect again is allowed only to replace a version still waiting.
  if (changes.length === 0 && view.scheduled === null) {
    throw new AppError(400, 'RULES_UNCHANGED', '规则没有改动，无需发布');
  }
  await pointsTransaction(db, async (trx) => {
    const published = await publishRules(trx, orgId, rules, actor.memberId, now, effectiveFrom);
    await audit(
      trx,
      {
        orgId,
        actorId: actor.memberId,
        action: 'points.rules_publish',
        targetType: 'points_rules',
        targetId: published.version,
        detail: { version: published.version, effectiveFrom: dateOf(effectiveFrom), changes },
      },
      now,
    );
  });
  return rulesAdmin(db, orgId, now);
}
