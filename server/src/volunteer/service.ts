// Volunteer service records (志愿服务): logged by the member, reviewed by the branch
// secretary; approval pays `volunteer_hour` per full hour through the points core.
import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/index.js';
import type { Database } from '../db/schema.js';
import type { MyVolunteer, VolunteerRecord, VolunteerRecordBody, VolunteerRecordList } from '../contract/volunteer.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors.js';
import { cst, toIso } from '../lib/time.js';
import { audit } from '../lib/audit.js';
import { award, loadRules, pointsTransaction, reverse } from '../points/service.js';
import { capNotes } from '../points/ledger.js';

type Executor = Db | Transaction<Database>;
type RecordRow = Awaited<ReturnType<typeof recordRow>>;

export const MAX_HOURS_PER_DAY = 12;
export const MAX_PHOTOS = 3;
const DAY = 24 * 60 * 60 * 1000;
/** Statuses whose hours count toward the 12 a day. */
const COUNTING = ['pending', 'approved'];

/** Service dates count in caps at noon CST of that day, like the demo history. */
export const servedAtMs = (servedOn: string) => Date.parse(`${servedOn}T12:00:00+08:00`);

async function recordRow(db: Executor, id: number) {
  return db.selectFrom('volunteer_records').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The record read again inside the caller's transaction (the guard has decided access). */
async function currentRecord(db: Executor, id: number) {
  const row = await recordRow(db, id);
  if (!row) throw notFound('志愿服务记录');
  return row;
}

async function checkRecord(
  trx: Transaction<Database>,
  actor: Actor,
  body: VolunteerRecordBody,
  recordId: number | null,
  now: number,
) {
  const today = cst(now).format('YYYY-MM-DD');
  if (body.servedOn > today) throw badRequest('DATE_IN_FUTURE', '服务日期不能晚于今天');
  const served = cst(servedAtMs(body.servedOn));
  if (!served.isValid() || served.format('YYYY-MM-DD') !== body.servedOn) {
    throw badRequest('DATE_INVALID', '服务日期不是有效的日期');
  }
  const rules = await loadRules(trx, actor.orgId);
  const days = rules.volunteerLogDays ?? 90;
  if (servedAtMs(body.servedOn) < servedAtMs(today) - days * DAY) {
    throw badRequest('DATE_TOO_OLD', `只能登记最近 ${days} 天内的志愿服务`);
  }
  const closed = await trx
    .selectFrom('points_years')
    .select('year')
    .where('org_id', '=', actor.orgId)
    .where('year', '=', served.year())
    .executeTakeFirst();
  if (closed) throw conflict('YEAR_CLOSED', `${served.year()}年积分已结算，不能再登记该年度的志愿服务`);
  if (Math.round(body.hours * 2) !== body.hours * 2 || body.hours <= 0 || body.hours > MAX_HOURS_PER_DAY) {
    throw badRequest('HOURS_INVALID', '服务时长须为 0.5 小时的倍数，且不超过 12 小时');
  }
  let sameDay = trx
    .selectFrom('volunteer_records')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('hours'), eb.lit(0)).as('hours'))
    .where('member_id', '=', actor.memberId)
    .where('served_on', '=', body.servedOn)
    .where('status', 'in', COUNTING);
  if (recordId !== null) sameDay = sameDay.where('id', '!=', recordId);
  const { hours: already } = await sameDay.executeTakeFirstOrThrow();
  if (Number(already) + body.hours > MAX_HOURS_PER_DAY) {
    throw badRequest(
      'DAILY_HOURS_EXCEEDED',
      `${body.servedOn} 已登记 ${Number(already)} 小时，同一天合计不能超过 ${MAX_HOURS_PER_DAY} 小时`,
    );
  }
  const photoIds = body.photoIds ?? [];
  if (photoIds.length > MAX_PHOTOS) throw badRequest('TOO_MANY_PHOTOS', `照片最多 ${MAX_PHOTOS} 张`);
  if (photoIds.length) {
    const photos = await trx
      .selectFrom('volunteer_photos')
      .select(['id', 'member_id', 'record_id'])
      .where('id', 'in', photoIds)
      .execute();
    const usable = photos.filter(
      (p) => p.member_id === actor.memberId && (p.record_id === null || p.record_id === recordId),
    );
    if (usable.length !== photoIds.length) throw badRequest('PHOTO_INVALID', '照片不存在或不属于本人，请重新上传');
  }
}

/**
 * Puts exactly these photos on the record. Photos the member removed from it are deleted;
 * their file names are returned so the caller removes the files once the change is committed.
 */
async function attachPhotos(trx: Transaction<Database>, recordId: number, photoIds: number[]): Promise<string[]> {
  let dropped = trx.selectFrom('volunteer_photos').select(['id', 'file_name']).where('record_id', '=', recordId);
  if (photoIds.length) dropped = dropped.where('id', 'not in', photoIds);
  const removed = await dropped.execute();
  if (removed.length) {
    await trx
      .deleteFrom('volunteer_photos')
      .where(
        'id',
        'in',
        removed.map((p) => p.id),
      )
      .execute();
  }
  if (photoIds.length) {
    await trx.updateTable('volunteer_photos').set({ record_id: recordId }).where('id', 'in', photoIds).execute();
  }
  return removed.map((p) => p.file_name);
}

export async function createRecord(db: Db, actor: Actor, body: VolunteerRecordBody, now = Date.now()) {
  if (actor.branchId === null) throw forbidden('您不属于任何支部，不能登记志愿服务', 'NOT_IN_BRANCH');
  return db.transaction().execute(async (trx) => {
    await checkRecord(trx, actor, body, null, now);
    const row = await trx
      .insertInto('volunteer_records')
      .values({
        org_id: actor.orgId,
        branch_id: actor.branchId,
        member_id: actor.memberId,
        served_on: body.servedOn,
        hours: body.hours,
        category: body.category,
        place: body.place.trim(),
        description: body.description.trim(),
        status: 'pending',
        reviewer_id: null,
        decided_at: null,
        reject_reason: null,
        created_at: now,
        updated_at: now,
        source: 'self',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await attachPhotos(trx, row.id, body.photoIds ?? []);
    return row.id;
  });
}

/**
 * Corrects a pending record, or a rejected one, which goes back to review. Returns the file
 * names of photos removed from it, for the caller to delete from storage.
 */
export async function updateRecord(
  db: Db,
  actor: Actor,
  id: number,
  body: VolunteerRecordBody,
  now = Date.now(),
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const row = await currentRecord(trx, id);
    if (row.status !== 'pending' && row.status !== 'rejected') {
      throw conflict('RECORD_LOCKED', '已通过或已撤销的记录不能修改');
    }
    await checkRecord(trx, actor, body, id, now);
    await trx
      .updateTable('volunteer_records')
      .set({
        served_on: body.servedOn,
        hours: body.hours,
        category: body.category,
        place: body.place.trim(),
        description: body.description.trim(),
        status: 'pending',
        reject_reason: null,
        reviewer_id: null,
        decided_at: null,
        updated_at: now,
        submissions: row.status === 'rejected' ? row.submissions + 1 : row.submissions,
      })
      .where('id', '=', id)
      .execute();
    return attachPhotos(trx, id, body.photoIds ?? []);
  });
}

export async function approveRecord(db: Db, actor: Actor, id: number, now = Date.now()) {
  return pointsTransaction(db, async (trx) => {
    const row = await currentRecord(trx, id);
    const moved = await trx
      .updateTable('volunteer_records')
      .set({ status: 'approved', reviewer_id: actor.memberId, decided_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('RECORD_NOT_PENDING', '该记录不在待审核状态');
    await award(trx, {
      memberId: row.member_id,
      ruleCode: 'volunteer_hour',
      sourceType: 'volunteer_record',
      sourceId: id,
      occurredAt: servedAtMs(row.served_on),
      units: Math.floor(row.hours),
      actorId: actor.memberId,
      onCap: 'clamp',
      now,
    });
    await audit(trx, review(actor, 'volunteer.approve', id, { hours: row.hours }), now);
  });
}

export async function rejectRecord(db: Db, actor: Actor, id: number, reason: string, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('volunteer_records')
      .set({
        status: 'rejected',
        reject_reason: reason.trim(),
        reviewer_id: actor.memberId,
        decided_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('RECORD_NOT_PENDING', '该记录不在待审核状态');
    await audit(trx, review(actor, 'volunteer.reject', id, { reason }), now);
  });
}

/** An approved record is never edited: the secretary reverses it, and its points with it. */
export async function reverseRecord(db: Db, actor: Actor, id: number, reason: string, now = Date.now()) {
  return pointsTransaction(db, async (trx) => {
    const row = await currentRecord(trx, id);
    const moved = await trx
      .updateTable('volunteer_records')
      .set({
        status: 'reversed',
        reversal_reason: reason.trim(),
        reversed_at: now,
        reversed_by: actor.memberId,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('RECORD_NOT_APPROVED', '只有已通过的记录可以撤销');
    const paid = await trx
      .selectFrom('points_ledger')
      .select('id')
      .where('member_id', '=', row.member_id)
      .where('source_type', '=', 'volunteer_record')
      .where('source_id', '=', String(id))
      .execute();
    for (const entry of paid) {
      const already = await trx
        .selectFrom('points_ledger')
        .select('id')
        .where('reverses_entry_id', '=', entry.id)
        .executeTakeFirst();
      if (!already)
        await reverse(trx, entry.id, { actorId: actor.memberId, reason: `撤销志愿服务记录：${reason.trim()}`, now });
    }
    await audit(trx, review(actor, 'volunteer.reverse', id, { reason }), now);
  });
}

const review = (actor: Actor, action: string, id: number, detail: Record<string, unknown>) => ({
  orgId: actor.orgId,
  actorId: actor.memberId,
  action,
  targetType: 'volunteer_record',
  targetId: id,
  detail,
});

/**
 * The seam for volunteer activities (志愿服务活动): hours from a member's check-in and
 * check-out become a pending record for the secretary, in half hours rounded down.
 * The check-in feature calls this when a member checks out; nothing else is needed.
 */
export async function recordActivityHours(
  db: Executor,
  input: { activityId: number; memberId: number; checkInAt: number; checkOutAt: number; place: string; title: string },
  now = Date.now(),
): Promise<number | null> {
  const hours = Math.min(MAX_HOURS_PER_DAY, Math.floor(((input.checkOutAt - input.checkInAt) / 3_600_000) * 2) / 2);
  if (hours <= 0) return null;
  const member = await db
    .selectFrom('members')
    .select(['org_id', 'branch_id'])
    .where('id', '=', input.memberId)
    .executeTakeFirst();
  if (!member) throw notFound('党员');
  const existing = await db
    .selectFrom('volunteer_records')
    .select('id')
    .where('activity_id', '=', input.activityId)
    .where('member_id', '=', input.memberId)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('volunteer_records')
    .values({
      org_id: member.org_id,
      branch_id: member.branch_id,
      member_id: input.memberId,
      served_on: cst(input.checkInAt).format('YYYY-MM-DD'),
      hours,
      category: '社区服务',
      place: input.place,
      description: `${input.title}（签到签退记录）`,
      status: 'pending',
      reviewer_id: null,
      decided_at: null,
      reject_reason: null,
      created_at: now,
      updated_at: now,
      source: 'activity',
      activity_id: input.activityId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records as the API shows them, with member and reviewer names, photos and points paid. */
export async function presentRecords(db: Executor, rows: Array<NonNullable<RecordRow>>): Promise<VolunteerRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const peopleIds = [...new Set(rows.flatMap((r) => [r.member_id, ...(r.reviewer_id ? [r.reviewer_id] : [])]))];
  const [people, photos, paid] = await Promise.all([
    db.selectFrom('members').select(['id', 'name']).where('id', 'in', peopleIds).execute(),
    db.selectFrom('volunteer_photos').select(['id', 'record_id']).where('record_id', 'in', ids).orderBy('id').execute(),
    db
      .selectFrom('points_ledger')
      .select([
        'id',
        'org_id',
        'member_id',
        'cap_group',
        'rule_code',
        'occurred_at',
        'capped_from',
        'source_id',
        'delta',
      ])
      .where('source_type', '=', 'volunteer_record')
      .where('source_id', 'in', ids.map(String))
      .execute(),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const pointsOf = new Map(paid.map((p) => [Number(p.source_id), p.delta]));
  const entryOf = new Map(paid.map((p) => [Number(p.source_id), p]));
  const caps = await capNotes(db, paid);
  const closedYears = new Set(
    (
      await db
        .selectFrom('points_years')
        .select(['org_id', 'year'])
        .where('org_id', 'in', [...new Set(rows.map((r) => r.org_id))])
        .execute()
    ).map((y) => `${y.org_id}:${y.year}`),
  );
  const pointsNote = (r: NonNullable<RecordRow>): string | null => {
    if (r.status !== 'approved') return null;
    const entry = entryOf.get(r.id);
    if (entry) return caps.get(entry.id) ?? null;
    if (Math.floor(Number(r.hours)) === 0) return '不满 1 小时，不计积分（每满 1 小时计分）';
    const year = cst(servedAtMs(r.served_on)).year();
    if (closedYears.has(`${r.org_id}:${year}`)) return `${year}年积分已结算，时长已记录，不再计入积分`;
    return null;
  };
  return rows.map((r) => ({
    id: r.id,
    member: { id: r.member_id, name: nameOf.get(r.member_id) ?? '' },
    branchId: r.branch_id,
    servedOn: r.served_on,
    hours: Number(r.hours),
    category: r.category as VolunteerRecord['category'],
    place: r.place,
    description: r.description,
    photos: photos.filter((p) => p.record_id === r.id).map((p) => ({ id: p.id, url: photoUrl(p.id) })),
    status: r.status as VolunteerRecord['status'],
    source: (r.source === 'activity' ? 'activity' : 'self') as VolunteerRecord['source'],
    rejectReason: r.reject_reason,
    reversalReason: r.reversal_reason,
    reviewer: r.reviewer_id ? { id: r.reviewer_id, name: nameOf.get(r.reviewer_id) ?? '' } : null,
    decidedAt: r.decided_at ? toIso(r.decided_at) : null,
    points: r.status === 'approved' || r.status === 'reversed' ? (pointsOf.get(r.id) ?? 0) : null,
    pointsNote: pointsNote(r),
    submissions: r.submissions,
    createdAt: toIso(r.created_at),
  }));
}

export const photoUrl = (id: number) => `/api/volunteer/photos/${id}`;

export async function presentRecord(db: Executor, id: number): Promise<VolunteerRecord> {
  const row = await recordRow(db, id);
  if (!row) throw new AppError(500, 'RECORD_VANISHED', '记录读取失败');
  const [record] = await presentRecords(db, [row]);
  return record!;
}

/** Photos uploaded but not yet on a record; more than this means something is looping. */
const MAX_LOOSE_PHOTOS = 9;

/** Records a stored upload as the member's, not yet on a record. */
export async function addLoosePhoto(
  db: Db,
  actor: Actor,
  store: () => Promise<{ fileName: string; mime: string; size: number }>,
  now = Date.now(),
): Promise<{ id: number; url: string; size: number; mime: string }> {
  const loose = await db
    .selectFrom('volunteer_photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', actor.memberId)
    .where('record_id', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(loose.n) >= MAX_LOOSE_PHOTOS) {
    throw conflict('TOO_MANY_PHOTOS', '未提交的照片太多，请先提交或删除记录后再上传');
  }
  const stored = await store();
  const row = await db
    .insertInto('volunteer_photos')
    .values({
      org_id: actor.orgId,
      member_id: actor.memberId,
      record_id: null,
      file_name: stored.fileName,
      mime: stored.mime,
      size: stored.size,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, url: photoUrl(row.id), size: stored.size, mime: stored.mime };
}

/** A member's year: approved and pending hours, and every record. */
export async function myVolunteer(db: Db, memberId: number, year: number): Promise<MyVolunteer> {
  const rows = await db
    .selectFrom('volunteer_records')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('served_on', '>=', `${year}-01-01`)
    .where('served_on', '<=', `${year}-12-31`)
    .orderBy('served_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const sum = (status: string) =>
    rows.filter((r) => r.status === status).reduce((total, r) => total + Number(r.hours), 0);
  return {
    year,
    approvedHours: sum('approved'),
    pendingHours: sum('pending'),
    records: await presentRecords(db, rows),
  };
}

/** A branch's records of one status: pending oldest first (the queue), others newest first. */
export async function branchRecords(
  db: Db,
  branchId: number,
  query: { status?: string; limit?: number; offset?: number },
): Promise<VolunteerRecordList> {
  const { status = 'pending', limit = 50, offset = 0 } = query;
  const base = db.selectFrom('volunteer_records').where('branch_id', '=', branchId).where('status', '=', status);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('served_on', status === 'pending' ? 'asc' : 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await presentRecords(db, rows), total: Number(count.n) };
}
