// Year close (结算) and publication (公示): closing freezes every member's total and star
// level in a snapshot; publishing shows it to members. After the close no entry can be dated
// in the year (the points core and a database trigger refuse it); a correction of one of its
// entries is booked in the open year and names the entry it corrects, and the publication
// lists those corrections beside the unchanged published result.
// Closing the current year before it ends stops its remaining check-ins, quizzes and volunteer
// service from paying, so it needs an explicit, separately confirmed override.
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/index.js';
import type { PointsYear, Publication } from '../contract/points-review.js';
import { badRequest, conflict } from '../errors.js';
import { audit } from '../lib/audit.js';
import { toIso, yearOf } from '../lib/time.js';
import { loadRules, pointsSummary, yearBase } from './service.js';
import { presentEntries } from './ledger.js';
import { starLevelOf } from './rules.js';

const STAR_LABELS = ['不合格', '★', '★★', '★★★', '★★★★', '★★★★★'];

function distribution(stars: number[]) {
  return STAR_LABELS.map((label, s) => ({ stars: s, label, count: stars.filter((x) => x === s).length })).reverse();
}

/** Stars of every active member of the org for a year, live (open year) or frozen (closed). */
async function starsOf(db: Db, orgId: number, year: number, branchId?: number) {
  const closed = await db
    .selectFrom('points_years')
    .select('year')
    .where('org_id', '=', orgId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (closed) {
    let q = db.selectFrom('points_year_snapshots').select('stars').where('org_id', '=', orgId).where('year', '=', year);
    if (branchId !== undefined) q = q.where('branch_id', '=', branchId);
    return (await q.execute()).map((r) => r.stars);
  }
  const rules = await loadRules(db, orgId);
  return (await liveTotals(db, orgId, year, branchId)).map((t) => starLevelOf(t.base + t.earned, rules).stars);
}

async function liveTotals(db: Db, orgId: number, year: number, branchId?: number) {
  const base = await yearBase(db, orgId, year);
  let q = db
    .selectFrom('members')
    .leftJoin('points_totals', (join) =>
      join.onRef('points_totals.member_id', '=', 'members.id').on('points_totals.year', '=', year),
    )
    .select(['members.id', 'members.branch_id', 'points_totals.base', 'points_totals.earned'])
    .where('members.org_id', '=', orgId)
    .where('members.active', '=', 1)
    .where('members.branch_id', 'is not', null);
  if (branchId !== undefined) q = q.where('members.branch_id', '=', branchId);
  return (await q.execute()).map((r) => ({
    memberId: r.id,
    branchId: r.branch_id,
    base: r.base ?? base,
    earned: r.earned ?? 0,
  }));
}

export async function listYears(db: Db, orgId: number, now = Date.now()): Promise<PointsYear[]> {
  const current = yearOf(now);
  const rows = await db.selectFrom('points_years').selectAll().where('org_id', '=', orgId).execute();
  const years = [...new Set([current, current - 1, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
  const out: PointsYear[] = [];
  for (const year of years) {
    const row = rows.find((r) => r.year === year);
    const stars = await starsOf(db, orgId, year);
    const booked = await db
      .selectFrom('points_totals')
      .select('member_id')
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .limit(1)
      .executeTakeFirst();
    out.push({
      year,
      status: row ? (row.published_at ? 'published' : 'closed') : 'open',
      ended: year < current,
      closedAt: row ? toIso(row.closed_at) : null,
      publishedAt: row?.published_at ? toIso(row.published_at) : null,
      members: stars.length,
      distribution: distribution(stars),
      hasEntries: booked !== undefined,
    });
  }
  return out;
}

export interface CloseYearOptions {
  /** Close a year that has not ended yet. */
  early?: boolean;
  /** Must repeat the year when `early` is set: a second, separate confirmation. */
  confirmYear?: number;
}

export async function closeYear(
  db: Db,
  actor: Actor,
  orgId: number,
  year: number,
  options: CloseYearOptions = {},
  now = Date.now(),
) {
  if (year > yearOf(now)) throw badRequest('YEAR_IN_FUTURE', '不能结算尚未开始的年度');
  const early = year === yearOf(now);
  if (early && !(options.early === true && options.confirmYear === year)) {
    throw conflict(
      'YEAR_NOT_ENDED',
      `${year}年尚未结束。提前结算后，本年度剩余时间的签到、答题和志愿服务都不再计分，也不能再加分或扣分；如确需提前结算，请再次确认`,
    );
  }
  await db.transaction().execute(async (trx) => {
    // Locks every total of the year first, as each award does (service.ts lockTotals): an award
    // in flight finishes before the snapshot is read, and any later one sees the year closed.
    const existing = await trx
      .selectFrom('points_years')
      .select('year')
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .executeTakeFirst();
    if (existing) throw conflict('YEAR_ALREADY_CLOSED', `${year}年积分已结算`);
    await trx
      .updateTable('points_totals')
      .set({ updated_at: now })
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .execute();
    await trx
      .insertInto('points_years')
      .values({
        org_id: orgId,
        year,
        closed_at: now,
        closed_by: actor.memberId,
        published_at: null,
        published_by: null,
      })
      .execute();
    const rules = await loadRules(trx, orgId);
    const totals = await liveTotals(trx, orgId, year);
    const rows = totals.map((t) => ({
      member_id: t.memberId,
      year,
      org_id: orgId,
      branch_id: t.branchId,
      base: t.base,
      earned: t.earned,
      stars: starLevelOf(t.base + t.earned, rules).stars,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('points_year_snapshots')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    await audit(
      trx,
      {
        orgId,
        actorId: actor.memberId,
        action: 'points.year_close',
        targetType: 'points_year',
        targetId: year,
        detail: { members: rows.length, early },
      },
      now,
    );
  });
}

export async function publishYear(db: Db, actor: Actor, orgId: number, year: number, now = Date.now()) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('points_years')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .executeTakeFirst();
    if (!row) throw conflict('YEAR_NOT_CLOSED', `${year}年积分尚未结算，结算后才能公示`);
    if (row.published_at) throw conflict('YEAR_ALREADY_PUBLISHED', `${year}年积分已公示`);
    await trx
      .updateTable('points_years')
      .set({ published_at: now, published_by: actor.memberId })
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .execute();
    await audit(
      trx,
      { orgId, actorId: actor.memberId, action: 'points.year_publish', targetType: 'points_year', targetId: year },
      now,
    );
  });
}

/** Published years for a member: the own frozen result and how the branch's star levels fell. */
export async function publicationsFor(db: Db, actor: Actor): Promise<Publication[]> {
  const years = await db
    .selectFrom('points_years')
    .select(['year', 'published_at'])
    .where('org_id', '=', actor.orgId)
    .where('published_at', 'is not', null)
    .orderBy('year', 'desc')
    .execute();
  const branch = actor.branchId
    ? await db.selectFrom('branches').select('name').where('id', '=', actor.branchId).executeTakeFirst()
    : undefined;
  const out: Publication[] = [];
  for (const y of years) {
    out.push({
      year: y.year,
      publishedAt: toIso(y.published_at!),
      summary: await pointsSummary(db, actor.memberId, actor.orgId, y.year),
      branchName: branch?.name ?? null,
      branchDistribution:
        actor.branchId !== null ? distribution(await starsOf(db, actor.orgId, y.year, actor.branchId)) : [],
      corrections: await correctionsOf(db, actor.memberId, y.year),
    });
  }
  return out;
}

/** Entries booked after the year, correcting the member's entries of that year, oldest first. */
async function correctionsOf(db: Db, memberId: number, year: number) {
  const rows = await db
    .selectFrom('points_ledger as c')
    .innerJoin('points_ledger as o', 'o.id', 'c.corrects_entry_id')
    .selectAll('c')
    .where('c.member_id', '=', memberId)
    .where('o.year', '=', year)
    .where('c.year', '<>', year)
    .orderBy('c.id')
    .execute();
  return presentEntries(db, rows);
}
