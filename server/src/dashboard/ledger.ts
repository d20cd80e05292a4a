// The standard ledger (台账) of a branch for a period, as an XLSX workbook: one sheet each
// for activity attendance, meeting records, quiz results, volunteer service and points.
// Dates are real Excel dates showing China Standard Time wall-clock values.
import ExcelJS from 'exceljs';
import type { Db } from '../db/index.js';
import { loadRules } from '../points/service.js';
import { neutralizeCell } from '../lib/spreadsheet-cell.js';
import { attendanceByActivity, type ActivityCounts } from './attendance.js';
import { ACTIVITY_TYPE_LABEL, QUIZ_KIND_LABEL, SOURCE_TYPE_LABEL } from './labels.js';
import { rate, type PeriodRange } from './period.js';
import { bestScores, expectedTakers, quizTakers, quizzesInScope } from './quiz.js';
import { branchScope } from './scope.js';

const CST_MS = 8 * 60 * 60 * 1000;
/** An instant as a Date whose UTC fields are the CST wall clock (Excel dates have no zone). */
const excelTime = (ms: number) => new Date(ms + CST_MS);
/** A calendar day YYYY-MM-DD as an Excel date. */
const excelDay = (day: string) => new Date(`${day}T00:00:00Z`);

const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
const PERCENT = '0.0%';

interface Column {
  header: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
}

/**
 * A column wide enough for its values: a date column shows its whole format (Excel writes ####
 * in a column narrower than a date), plus a margin for the cell's padding.
 */
export const columnWidth = (c: Pick<Column, 'width' | 'numFmt'>) =>
  c.numFmt === DATE || c.numFmt === DATE_TIME ? Math.max(c.width, c.numFmt.length + 3) : c.width;

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: unknown[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: columnWidth(c) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  // Names, titles and reasons are typed by people: none may become a live formula.
  for (const values of rows) sheet.addRow(values.map(neutralizeCell));
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.numFmt) column.eachCell({ includeEmpty: false }, (cell, row) => row > 1 && (cell.numFmt = c.numFmt!));
    if (c.wrap) column.eachCell((cell, row) => row > 1 && (cell.alignment = { wrapText: true, vertical: 'top' }));
  });
  return sheet;
}

const ACTIVITY_COLUMNS = [
  { header: '日期', width: 12, numFmt: DATE_TIME },
  { header: '类型', width: 14 },
  { header: '活动名称', width: 28, wrap: true },
  { header: '主题 / 学习内容', width: 32, wrap: true },
  { header: '地点', width: 18, wrap: true },
];
export interface LedgerBranch {
  id: number;
  org_id: number;
  name: string;
}

export async function ledgerWorkbook(db: Db, branch: LedgerBranch, period: PeriodRange, now = Date.now()) {
  const scope = branchScope(branch);
  const rules = await loadRules(db, branch.org_id);
  const [members, counts, quizzes] = await Promise.all([
    db
      .selectFrom('members')
      .select(['id', 'name', 'active'])
      .where('branch_id', '=', branch.id)
      .orderBy('id')
      .execute(),
    attendanceByActivity(db, scope, period.fromMs, period.toMs),
    quizzesInScope(db, scope, period.fromMs, period.toMs, now, ['exam', 'practice']),
  ]);
  const activityIds = counts.map((c) => c.id);
  const quizIds = quizzes.map((q) => q.id);
  const [activities, roster, takers, scores, volunteer, entries] = await Promise.all([
    activityIds.length
      ? db
          .selectFrom('activities')
          .select(['id', 'topic', 'place', 'record', 'ends_at'])
          .where('id', 'in', activityIds)
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('activities as a')
      .innerJoin('activity_invitees as i', 'i.activity_id', 'a.id')
      .innerJoin('members as m', 'm.id', 'i.member_id')
      .leftJoin('attendance as at', (join) =>
        join.onRef('at.activity_id', '=', 'i.activity_id').onRef('at.member_id', '=', 'i.member_id'),
      )
      .select(['i.activity_id', 'm.name', 'at.status'])
      .where('a.org_id', '=', branch.org_id)
      .where('a.status', '=', 'closed')
      .where('a.starts_at', '>=', period.fromMs)
      .where('a.starts_at', '<', period.toMs)
      .where('m.branch_id', '=', branch.id)
      .orderBy('i.activity_id')
      .orderBy('m.id')
      .execute(),
    quizTakers(db, scope, quizIds),
    bestScores(db, scope, quizIds),
    db
      .selectFrom('volunteer_records as v')
      .innerJoin('members as m', 'm.id', 'v.member_id')
      .leftJoin('members as r', 'r.id', 'v.reviewer_id')
      .select([
        'v.served_on',
        'm.name',
        'v.category',
        'v.hours',
        'v.place',
        'v.description',
        'r.name as reviewer',
        'v.decided_at',
      ])
      .where('m.branch_id', '=', branch.id)
      .where('v.status', '=', 'approved')
      .where('v.served_on', '>=', period.from)
      .where('v.served_on', '<=', period.to)
      .orderBy('v.served_on')
      .orderBy('v.id')
      .execute(),
    db
      .selectFrom('points_ledger as p')
      .innerJoin('members as m', 'm.id', 'p.member_id')
      .leftJoin('members as actor', 'actor.id', 'p.actor_id')
      .select([
        'p.id',
        'p.occurred_at',
        'p.created_at',
        'm.name',
        'p.delta',
        'p.rule_code',
        'p.rule_version',
        'p.source_type',
        'p.source_id',
        'p.reason',
        'actor.name as actor',
      ])
      .where('m.branch_id', '=', branch.id)
      .where('p.occurred_at', '>=', period.fromMs)
      .where('p.occurred_at', '<', period.toMs)
      .orderBy('p.occurred_at')
      .orderBy('p.id')
      .execute(),
  ]);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = '先锋';
  workbook.created = new Date(now);

  // 活动签到台账: oldest first, as a paper ledger reads.
  const detail = new Map(activities.map((a) => [a.id, a]));
  const names = new Map<string, string[]>();
  for (const r of roster) {
    const key = `${r.activity_id}:${r.status ?? 'absent'}`;
    names.set(key, [...(names.get(key) ?? []), r.name]);
  }
  // Nobody in a column leaves the cell blank, as on paper.
  const namesOf = (id: number, status: string) => names.get(`${id}:${status}`)?.join('、') ?? null;
  const held = [...counts].reverse();
  // The columns that name an activity, first on both activity sheets.
  const activityCells = (c: ActivityCounts) => [
    excelTime(c.startsAt),
    ACTIVITY_TYPE_LABEL[c.type] ?? c.type,
    c.title,
    detail.get(c.id)?.topic ?? '',
    detail.get(c.id)?.place ?? '',
  ];
  addSheet(
    workbook,
    '活动签到台账',
    [
      ...ACTIVITY_COLUMNS,
      { header: '应到', width: 8 },
      { header: '出席', width: 8 },
      { header: '迟到', width: 8 },
      { header: '请假', width: 8 },
      { header: '缺席', width: 8 },
      { header: '出席率', width: 10, numFmt: PERCENT },
      { header: '出席人员', width: 40, wrap: true },
      { header: '迟到人员', width: 24, wrap: true },
      { header: '请假人员', width: 24, wrap: true },
      { header: '缺席人员', width: 24, wrap: true },
    ],
    held.map((c: ActivityCounts) => [
      ...activityCells(c),
      c.invited,
      c.present,
      c.late,
      c.leave,
      c.absent,
      rate(c.present + c.late, c.invited),
      namesOf(c.id, 'present'),
      namesOf(c.id, 'late'),
      namesOf(c.id, 'leave'),
      namesOf(c.id, 'absent'),
    ]),
  );

  addSheet(
    workbook,
    '会议记录',
    [
      ...ACTIVITY_COLUMNS,
      { header: '应到', width: 8 },
      { header: '实到', width: 8 },
      { header: '会议记录', width: 60, wrap: true },
    ],
    held.map((c) => [...activityCells(c), c.invited, c.present + c.late, detail.get(c.id)?.record ?? '（未填写）']),
  );

  // 答题情况: one row per quiz, then one column per member with the best score.
  const active = members.filter((m) => m.active === 1);
  const byBranch = new Map([[branch.id, active.length]]);
  const best = new Map(scores.map((s) => [`${s.quizId}:${s.memberId}`, s.best]));
  addSheet(
    workbook,
    '答题情况',
    [
      { header: '答题名称', width: 28, wrap: true },
      { header: '类型', width: 8 },
      { header: '开放时间', width: 12, numFmt: DATE },
      { header: '截止时间', width: 12, numFmt: DATE },
      { header: '及格分', width: 8 },
      { header: '应参加', width: 8 },
      { header: '参加人数', width: 10 },
      { header: '参加率', width: 10, numFmt: PERCENT },
      { header: '合格人数', width: 10 },
      { header: '合格率', width: 10, numFmt: PERCENT },
      ...active.map((m) => ({ header: m.name, width: 10 })),
    ],
    quizzes.map((q) => {
      const taken = takers.find((t) => t.quizId === q.id);
      const expected = expectedTakers(q, byBranch);
      return [
        q.title,
        QUIZ_KIND_LABEL[q.kind] ?? q.kind,
        excelTime(q.opensAt),
        excelTime(q.closesAt),
        q.passMark,
        expected,
        taken?.participated ?? 0,
        rate(taken?.participated ?? 0, expected),
        taken?.passed ?? 0,
        rate(taken?.passed ?? 0, taken?.participated ?? 0),
        ...active.map((m) => best.get(`${q.id}:${m.id}`) ?? null),
      ];
    }),
  );

  addSheet(
    workbook,
    '志愿服务台账',
    [
      { header: '服务日期', width: 12, numFmt: DATE },
      { header: '姓名', width: 10 },
      { header: '类别', width: 12 },
      { header: '时长（小时）', width: 12 },
      { header: '地点', width: 20, wrap: true },
      { header: '服务内容', width: 40, wrap: true },
      { header: '审核人', width: 10 },
      { header: '审核时间', width: 16, numFmt: DATE_TIME },
    ],
    volunteer.map((v) => [
      excelDay(v.served_on),
      v.name,
      v.category,
      Number(v.hours),
      v.place,
      v.description,
      v.reviewer ?? '',
      v.decided_at === null ? null : excelTime(Number(v.decided_at)),
    ]),
  );

  const ruleLabel = new Map(rules.rules.map((r) => [r.code, r.label]));
  addSheet(
    workbook,
    '积分明细',
    [
      { header: '时间', width: 16, numFmt: DATE_TIME },
      { header: '姓名', width: 10 },
      { header: '分值', width: 8 },
      { header: '积分规则', width: 18 },
      { header: '来源', width: 12 },
      { header: '来源编号', width: 12 },
      { header: '理由', width: 30, wrap: true },
      { header: '经办人', width: 10 },
      { header: '规则版本', width: 10 },
    ],
    entries.map((e) => [
      // A reversal is dated when it was made; other entries when the participation happened.
      excelTime(Number(e.source_type === 'reversal' ? e.created_at : e.occurred_at)),
      e.name,
      e.delta,
      e.source_type === 'reversal'
        ? `冲正：${ruleLabel.get(e.rule_code) ?? e.rule_code}`
        : (ruleLabel.get(e.rule_code) ?? e.rule_code),
      SOURCE_TYPE_LABEL[e.source_type] ?? e.source_type,
      e.source_id,
      e.reason ?? '',
      e.actor ?? '',
      e.rule_version,
    ]),
  );

  return workbook;
}

/** The workbook as bytes, and the file name a person would save it under. */
export async function ledgerFile(db: Db, branch: LedgerBranch, period: PeriodRange, now = Date.now()) {
  const workbook = await ledgerWorkbook(db, branch, period, now);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, fileName: `${branch.name}台账_${period.label}.xlsx` };
}
