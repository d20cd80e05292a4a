// Audit rows as people read them: the action in Chinese, what changed, the reason, and
// the time in China time. Titles and amounts the detail does not carry are looked up
// once per page.
import type { AuditEntry } from '../contract/audit.js';
import type { Db } from '../db/index.js';
import { cst, toIso } from '../lib/time.js';
import { kindOf, labelOf } from './actions.js';
import type { AuditRow } from './queries.js';

const ATTENDANCE_LABEL: Record<string, string> = { present: '出席', late: '迟到', leave: '请假', absent: '缺席' };
const VISIBILITY_LABEL: Record<string, string> = { off: '不显示排名', self: '仅看本人排名', opt_in: '自愿公开排名' };
const OBJECTION_OUTCOME: Record<string, string> = { reverse: '冲正原记录', adjust: '调整积分', reject: '不予采纳' };

type Detail = Record<string, unknown>;

const parse = (detail: string | null): Detail => {
  if (!detail) return {};
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === 'object' ? (value as Detail) : {};
  } catch {
    return {};
  }
};

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const signed = (delta: number) => (delta > 0 ? `+${delta}` : String(delta));

/** 11月30日 19:05 in China time; with the year when it is not the current one. */
export function chinaTimeText(ms: number, now = Date.now()): string {
  const at = cst(ms);
  return at.year() === cst(now).year() ? at.format('M月D日 HH:mm') : at.format('YYYY年M月D日 HH:mm');
}

interface Lookups {
  activityTitles: Map<number, string>;
  entries: Map<number, { delta: number }>;
  volunteer: Map<number, { hours: number; servedOn: string }>;
}

async function lookups(db: Db, rows: Array<AuditRow & { parsed: Detail }>): Promise<Lookups> {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.target_type === type).map((r) => Number(r.target_id))),
  ];
  const activityIds = [
    ...new Set([...idsOf('activity'), ...rows.map((r) => num(r.parsed.activityId)).filter((id) => id !== null)]),
  ] as number[];
  const entryIds = idsOf('points_entry');
  const recordIds = idsOf('volunteer_record');
  const [activities, entries, records] = await Promise.all([
    activityIds.length
      ? db.selectFrom('activities').select(['id', 'title']).where('id', 'in', activityIds).execute()
      : [],
    entryIds.length ? db.selectFrom('points_ledger').select(['id', 'delta']).where('id', 'in', entryIds).execute() : [],
    recordIds.length
      ? db.selectFrom('volunteer_records').select(['id', 'hours', 'served_on']).where('id', 'in', recordIds).execute()
      : [],
  ]);
  return {
    activityTitles: new Map(activities.map((a) => [a.id, a.title])),
    entries: new Map(entries.map((e) => [e.id, { delta: e.delta }])),
    volunteer: new Map(records.map((r) => [r.id, { hours: r.hours, servedOn: r.served_on }])),
  };
}

/** What changed, in a few words; null when the label says it all. */
function summarize(row: AuditRow, d: Detail, l: Lookups): string | null {
  const target = Number(row.target_id);
  const quoted = (title: string | null | undefined) => (title ? `「${title}」` : null);
  switch (row.action) {
    case 'points.award':
    case 'points.deduct': {
      const delta = num(d.delta);
      return delta === null ? null : `${signed(delta)} 分`;
    }
    case 'points.reverse': {
      const original = l.entries.get(target);
      return original ? `撤销 ${signed(original.delta)} 分` : null;
    }
    case 'objection.resolve': {
      const outcome = OBJECTION_OUTCOME[String(d.outcome)] ?? null;
      const delta = num(d.delta);
      return outcome && delta !== null && d.outcome === 'adjust' ? `${outcome} ${signed(delta)} 分` : outcome;
    }
    case 'attendance.mark': {
      const from = ATTENDANCE_LABEL[String(d.from)] ?? '未登记';
      const to = ATTENDANCE_LABEL[String(d.to)] ?? String(d.to);
      return [quoted(l.activityTitles.get(target)), `${from} → ${to}`].filter(Boolean).join('');
    }
    case 'leave.approve':
    case 'leave.reject':
      return quoted(l.activityTitles.get(num(d.activityId) ?? 0));
    case 'activity.close': {
      const absent = num(d.markedAbsent);
      return [quoted(l.activityTitles.get(target)), absent ? `未到 ${absent} 人记为缺席` : null]
        .filter(Boolean)
        .join('');
    }
    case 'activity.create':
    case 'activity.update':
    case 'activity.cancel':
    case 'activity.record':
      return quoted(l.activityTitles.get(target) ?? text(d.title));
    case 'volunteer.approve':
    case 'volunteer.reject':
    case 'volunteer.reverse': {
      const record = l.volunteer.get(target);
      return record ? `${record.servedOn} 志愿服务 ${record.hours} 小时` : null;
    }
    case 'quiz.create':
      return quoted(text(d.title));
    case 'question.create':
    case 'question.update':
    case 'question.archive':
      return `题目 #${row.target_id}`;
    case 'question.import': {
      const imported = num(d.imported);
      const skipped = num(d.skipped);
      return imported === null ? null : `导入 ${imported} 题${skipped ? `，跳过 ${skipped} 行` : ''}`;
    }
    case 'org.settings':
      return VISIBILITY_LABEL[String(d.rankingVisibility)] ?? null;
    case 'points.year_close':
    case 'points.year_publish':
      return `${row.target_id} 年度`;
    case 'points.rules_publish': {
      const changes = Array.isArray(d.changes) ? d.changes.map(String) : [];
      return [`第 ${row.target_id} 版，自 ${text(d.effectiveFrom) ?? '?'} 起生效`, ...changes].join('；');
    }
    default:
      return null;
  }
}

export async function presentAudit(db: Db, rows: AuditRow[], now = Date.now()): Promise<AuditEntry[]> {
  const parsed = rows.map((row) => ({ ...row, parsed: parse(row.detail) }));
  const l = await lookups(db, parsed);
  return parsed.map((row) => ({
    id: row.id,
    action: row.action,
    kind: kindOf(row.action),
    label: labelOf(row.action),
    actor: row.actor_id !== null && row.actor_name !== null ? { id: row.actor_id, name: row.actor_name } : null,
    member: row.member_id !== null && row.member_name !== null ? { id: row.member_id, name: row.member_name } : null,
    summary: summarize(row, row.parsed, l),
    reason: text(row.parsed.reason) ?? text(row.parsed.note),
    at: toIso(row.created_at),
    atText: chinaTimeText(row.created_at, now),
  }));
}
