// Roster import (名册导入): the XLSX or CSV an organisation already keeps, checked row by row and
// matched against the members it has, so the person sees who will be added, changed and left
// alone before anything is written, and a file imported twice changes nothing the second time.
//
// Matching: by 编号 when the row has one (falling back to name + phone among members without a
// number, so a first import without numbers can be followed by one with them); otherwise by
// name + phone. A row needs one of the two to be recognised again next time.
// A blank optional cell leaves the stored value alone: a partial sheet never wipes data.
// A move to another branch is not an import: it carries the year's totals and rank counts along
// and is done in member management, so such a row is reported, not applied.
import type { Actor } from '../auth/actor.js';
import type { RosterField, RosterImportReport } from '../contract/roster.js';
import type { Db } from '../db/index.js';
import { AppError, badRequest, conflict } from '../errors.js';
import { audit } from '../lib/audit.js';
import { buildTable, readTable, UnreadableFile, type FileFormat, type TableLimits } from '../lib/table-file.js';
import { cst } from '../lib/time.js';
import { visiblePhone } from './service.js';

export const MAX_ROSTER_ROWS = 5000;

export const ROSTER_HEADERS = [
  '编号',
  '姓名',
  '所在支部',
  '手机号',
  '人员类别',
  '党员类别',
  '入党日期',
  '职务',
] as const;
type Header = (typeof ROSTER_HEADERS)[number];
const REQUIRED: Header[] = ['姓名', '所在支部'];

const LIMITS: TableLimits = { maxRows: MAX_ROSTER_ROWS, columns: 30, unit: '名党员', fileKind: '名册文件' };

const EMPLOYMENT: Record<string, string> = { 在职: 'in_service', 退休: 'retired' };
const POLITICS: Record<string, string> = {
  正式: 'full',
  正式党员: 'full',
  预备: 'probationary',
  预备党员: 'probationary',
};
const EMPLOYMENT_LABEL: Record<string, string> = { in_service: '在职', retired: '退休' };
const POLITICS_LABEL: Record<string, string> = { full: '正式', probationary: '预备' };
const FIELD_LABEL: Record<RosterField, string> = {
  externalNo: '编号',
  name: '姓名',
  phone: '手机号',
  employment: '人员类别',
  politicalStatus: '党员类别',
  joinedPartyOn: '入党日期',
  title: '职务',
};

/** A column or a cell that carries a resident ID number: never accepted, never echoed back. */
const ID_CARD_HEADER = /身份证|证件号|公民身份/;
const ID_CARD_VALUE = /\d{17}[\dXx]/;

/** Who the import is for: the whole organisation (org admin) or one branch (its secretary, or the org admin there). */
export interface ImportScope {
  orgId: number;
  branch: { id: number; name: string } | null;
}

/** A refused import: the report goes back with 422 and nothing is written. */
export class RosterImportRefused extends Error {
  constructor(readonly report: RosterImportReport) {
    super(report.message);
  }
}

interface RosterRow {
  row: number;
  text: string;
  externalNo: string | null;
  name: string;
  branchName: string;
  branchId: number;
  phone: string | null;
  employment: string | null;
  politicalStatus: string | null;
  joinedPartyOn: string | null;
  title: string | null;
}

interface StoredMember {
  id: number;
  name: string;
  branch_id: number | null;
  phone: string | null;
  employment: string;
  political_status: string;
  joined_party_on: string | null;
  title: string | null;
  external_no: string | null;
  active: number;
}

interface Plan {
  report: RosterImportReport;
  inserts: RosterRow[];
  updates: Array<{ memberId: number; set: Partial<Record<RosterField, string | null>> }>;
}

const normalizeHeader = (h: string) =>
  h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(].*?[)）]/g, '')
    .trim();

const rowText = (cells: string[]) => {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  const text = filled.join(' | ').replace(new RegExp(ID_CARD_VALUE, 'g'), '******************');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** 'YYYY-MM-DD' from the forms people type, or from an Excel serial day (1900 date system). */
export function parseRosterDate(text: string): string | null {
  let y: number, m: number, d: number;
  const serial = /^\d{4,5}(\.0+)?$/.test(text) ? Number(text) : NaN;
  if (serial >= 1 && serial < 80000 && !/^(19|20)\d{2}$/.test(text)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
    if (!match) return null;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function normalizePhone(text: string): string | null {
  const digits = text.replace(/[\s\-－()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1\d{10}$/.test(digits) ? digits : null;
}

async function readRosterRows(file: Buffer): Promise<string[][]> {
  try {
    return await readTable(file, LIMITS);
  } catch (error) {
    if (error instanceof UnreadableFile) {
      throw new AppError(415, 'FILE_UNREADABLE', '无法读取文件，请上传 XLSX 或 CSV 格式的名册文件');
    }
    throw error;
  }
}

const emptyReport = (dryRun: boolean, message: string, code?: string): RosterImportReport => ({
  ...(code ? { code } : {}),
  message,
  dryRun,
  applied: false,
  total: 0,
  added: [],
  changed: [],
  unchanged: [],
  errors: [],
});

/** Checks every row on its own: the cells, the branch, the scope. */
function checkRows(
  rows: string[][],
  scope: ImportScope,
  branchByName: Map<string, number>,
  today: string,
  dryRun: boolean,
): { rows: RosterRow[]; errors: RosterImportReport['errors']; total: number } {
  const header = (rows[0] ?? []).map(normalizeHeader);
  const idColumn = (rows[0] ?? []).find((h) => ID_CARD_HEADER.test(h));
  if (idColumn) {
    throw new AppError(
      422,
      'ID_CARD_NOT_ALLOWED',
      `文件中有“${idColumn.trim()}”列。先锋不收集身份证号，请删除这一列后重新上传`,
    );
  }
  const column = new Map<string, number>();
  const duplicated: string[] = [];
  header.forEach((h, i) => {
    if (!(ROSTER_HEADERS as readonly string[]).includes(h)) return;
    if (column.has(h)) duplicated.push(h);
    else column.set(h, i);
  });
  const missing = REQUIRED.filter((h) => !column.has(h));
  const headerProblem = missing.length
    ? `第 1 行表头缺少“${missing.join('”“')}”列，请使用下载的模板`
    : duplicated.length
      ? `第 1 行表头中“${duplicated.join('”“')}”出现了不止一次`
      : null;
  if (headerProblem) {
    throw new RosterImportRefused({
      ...emptyReport(dryRun, headerProblem, 'IMPORT_HAS_ERRORS'),
      errors: [{ row: 1, text: rowText(rows[0] ?? []), message: headerProblem }],
    });
  }
  const get = (cells: string[], name: Header) => {
    const i = column.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };

  const checked: RosterRow[] = [];
  const errors: RosterImportReport['errors'] = [];
  let total = 0;
  rows.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    total++;
    const text = rowText(cells);
    const problems: string[] = [];
    if (cells.some((c) => ID_CARD_VALUE.test(c))) problems.push('有疑似身份证号的内容，先锋不收集身份证号，请删除');

    const name = get(cells, '姓名');
    if (!name) problems.push('姓名为空');
    else if (name.length > 30) problems.push('姓名超过 30 字');

    const externalNo = get(cells, '编号') || null;
    if (externalNo && externalNo.length > 32) problems.push('编号超过 32 个字符');

    const branchName = get(cells, '所在支部');
    let branchId = 0;
    if (!branchName) problems.push('所在支部为空');
    else if (scope.branch && branchName !== scope.branch.name) {
      problems.push(`只能导入本支部（${scope.branch.name}）的党员，本行是“${branchName}”`);
    } else {
      const found = branchByName.get(branchName);
      if (found === undefined) problems.push(`本单位没有名为“${branchName}”的支部，请先创建支部或核对名称`);
      else branchId = found;
    }

    const phoneText = get(cells, '手机号');
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone) problems.push(`手机号“${phoneText}”应为 11 位手机号码`);
    if (!externalNo && !phoneText) problems.push('编号和手机号至少填一项，用于再次导入时识别同一人');

    const employmentText = get(cells, '人员类别');
    const employment = employmentText ? (EMPLOYMENT[employmentText] ?? null) : null;
    if (employmentText && !employment) problems.push(`人员类别“${employmentText}”应为在职或退休`);

    const politicsText = get(cells, '党员类别');
    const politicalStatus = politicsText ? (POLITICS[politicsText] ?? null) : null;
    if (politicsText && !politicalStatus) problems.push(`党员类别“${politicsText}”应为正式或预备`);

    const joinedText = get(cells, '入党日期');
    const joinedPartyOn = joinedText ? parseRosterDate(joinedText) : null;
    if (joinedText && !joinedPartyOn) problems.push(`入党日期“${joinedText}”应为 YYYY-MM-DD 格式的日期`);
    else if (joinedPartyOn && (joinedPartyOn < '1921-07-01' || joinedPartyOn > today)) {
      problems.push(`入党日期“${joinedText}”不在合理范围内`);
    }

    const title = get(cells, '职务') || null;
    if (title && title.length > 30) problems.push('职务超过 30 字');

    if (problems.length) {
      errors.push({ row, text, message: problems.join('；') });
      return;
    }
    checked.push({
      row,
      text,
      externalNo,
      name,
      branchName,
      branchId,
      phone,
      employment,
      politicalStatus,
      joinedPartyOn,
      title,
    });
  });
  return { rows: checked, errors, total };
}

/** Works out, without writing, what the file would do to the organisation's members. */
async function planImport(db: Db, actor: Actor, scope: ImportScope, file: Buffer, dryRun: boolean, now: number) {
  const table = await readRosterRows(file);
  const branches = await db.selectFrom('branches').select(['id', 'name']).where('org_id', '=', scope.orgId).execute();
  const branchByName = new Map(branches.map((b) => [b.name.trim(), b.id]));
  const branchName = new Map(branches.map((b) => [b.id, b.name]));
  const today = cst(now).format('YYYY-MM-DD');
  const checked = checkRows(table, scope, branchByName, today, dryRun);
  if (checked.total === 0) throw badRequest('IMPORT_EMPTY', '文件中没有党员');

  const members: StoredMember[] = await db
    .selectFrom('members')
    .select([
      'id',
      'name',
      'branch_id',
      'phone',
      'employment',
      'political_status',
      'joined_party_on',
      'title',
      'external_no',
      'active',
    ])
    .where('org_id', '=', scope.orgId)
    .orderBy('id')
    .execute();
  const byExternalNo = new Map(members.filter((m) => m.external_no).map((m) => [m.external_no!, m]));
  const byNamePhone = new Map<string, StoredMember>();
  for (const m of members) {
    if (m.phone) {
      const key = `${m.name}\u0000${m.phone}`;
      if (!byNamePhone.has(key)) byNamePhone.set(key, m);
    }
  }

  const report: RosterImportReport = { ...emptyReport(dryRun, ''), total: checked.total, errors: [...checked.errors] };
  const plan: Plan = { report, inserts: [], updates: [] };
  const rowOfMember = new Map<number, number>();
  const rowOfExternalNo = new Map<string, number>();
  const rowOfNamePhone = new Map<string, number>();
  const fail = (r: RosterRow, message: string) => report.errors.push({ row: r.row, text: r.text, message });

  for (const r of checked.rows) {
    const namePhone = r.phone ? `${r.name}\u0000${r.phone}` : null;
    if (r.externalNo && rowOfExternalNo.has(r.externalNo)) {
      fail(r, `编号“${r.externalNo}”与第 ${rowOfExternalNo.get(r.externalNo)} 行重复`);
      continue;
    }
    let member: StoredMember | undefined;
    if (r.externalNo) {
      member = byExternalNo.get(r.externalNo);
      if (!member && namePhone) {
        const same = byNamePhone.get(namePhone);
        if (same?.external_no) {
          fail(r, `姓名和手机号与编号为“${same.external_no}”的党员相同，请核对编号`);
          continue;
        }
        member = same;
      }
    } else if (namePhone) member = byNamePhone.get(namePhone);

    if (member) {
      const earlier = rowOfMember.get(member.id);
      if (earlier !== undefined) {
        fail(r, `与第 ${earlier} 行是同一人`);
        continue;
      }
      if (!member.active) {
        fail(r, '该党员已停用（如已转出），请先在成员管理中恢复');
        continue;
      }
      if (member.branch_id !== r.branchId) {
        fail(
          r,
          scope.branch
            ? '该党员不在本支部，请联系组织管理员'
            : `该党员现属“${branchName.get(member.branch_id ?? 0) ?? '未分配支部'}”；转接支部请在成员管理中办理`,
        );
        continue;
      }
      rowOfMember.set(member.id, r.row);
      if (r.externalNo) rowOfExternalNo.set(r.externalNo, r.row);
      const next: Record<RosterField, string | null> = {
        externalNo: r.externalNo ?? member.external_no,
        name: r.name,
        phone: r.phone ?? member.phone,
        employment: r.employment ?? member.employment,
        politicalStatus: r.politicalStatus ?? member.political_status,
        joinedPartyOn: r.joinedPartyOn ?? member.joined_party_on,
        title: r.title ?? member.title,
      };
      const stored: Record<RosterField, string | null> = {
        externalNo: member.external_no,
        name: member.name,
        phone: member.phone,
        employment: member.employment,
        politicalStatus: member.political_status,
        joinedPartyOn: member.joined_party_on,
        title: member.title,
      };
      const fields = (Object.keys(next) as RosterField[]).filter((f) => next[f] !== stored[f]);
      const ref = { row: r.row, name: r.name, branch: r.branchName, memberId: member.id };
      if (!fields.length) {
        report.unchanged.push(ref);
        continue;
      }
      // Nobody edits their own record, by hand or by file (PATCH /members/:memberId decides).
      if (member.id === actor.memberId) {
        fail(
          r,
          actor.isOrgAdmin
            ? '不能通过导入修改本人的信息，请由本单位其他组织管理员修改'
            : '不能通过导入修改本人的信息，请由组织管理员或本支部其他管理人员修改',
        );
        continue;
      }
      const shown = (f: RosterField, v: string | null) =>
        v === null
          ? null
          : f === 'phone'
            ? visiblePhone(actor, { id: member.id, branch_id: member.branch_id, phone: v })
            : f === 'employment'
              ? (EMPLOYMENT_LABEL[v] ?? v)
              : f === 'politicalStatus'
                ? (POLITICS_LABEL[v] ?? v)
                : v;
      report.changed.push({
        ...ref,
        changes: fields.map((f) => ({
          field: f,
          label: FIELD_LABEL[f],
          from: shown(f, stored[f]),
          to: shown(f, next[f]),
        })),
      });
      plan.updates.push({ memberId: member.id, set: Object.fromEntries(fields.map((f) => [f, next[f]])) });
      continue;
    }

    if (namePhone && rowOfNamePhone.has(namePhone)) {
      fail(r, `与第 ${rowOfNamePhone.get(namePhone)} 行是同一人（姓名和手机号相同）`);
      continue;
    }
    if (r.externalNo) rowOfExternalNo.set(r.externalNo, r.row);
    if (namePhone) rowOfNamePhone.set(namePhone, r.row);
    report.added.push({ row: r.row, name: r.name, branch: r.branchName });
    plan.inserts.push(r);
  }
  report.errors.sort((a, b) => a.row - b.row);
  return plan;
}

const COLUMN: Record<
  RosterField,
  'external_no' | 'name' | 'phone' | 'employment' | 'political_status' | 'joined_party_on' | 'title'
> = {
  externalNo: 'external_no',
  name: 'name',
  phone: 'phone',
  employment: 'employment',
  politicalStatus: 'political_status',
  joinedPartyOn: 'joined_party_on',
  title: 'title',
};

const counts = (r: RosterImportReport) =>
  `新增 ${r.added.length} 人，修改 ${r.changed.length} 人，无变化 ${r.unchanged.length} 人`;

/**
 * A dry run reports; a confirmed run (dryRun=false) plans again inside the transaction, so what is
 * written is what the current roster and the file say at that moment, and writes it all or nothing.
 */
export async function importRoster(
  db: Db,
  actor: Actor,
  scope: ImportScope,
  file: Buffer,
  options: { dryRun: boolean; skipInvalid: boolean },
  now = Date.now(),
): Promise<RosterImportReport> {
  const { dryRun, skipInvalid } = options;
  if (dryRun) {
    const { report } = await planImport(db, actor, scope, file, true, now);
    const errors = report.errors.length;
    report.message = errors
      ? `共 ${report.total} 行，其中 ${errors} 行有问题。无误的行将${counts(report)}`
      : `预览：${counts(report)}。确认后才会写入`;
    return report;
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = await planImport(trx, actor, scope, file, false, now);
      const { report } = plan;
      if (report.errors.length && !skipInvalid) {
        throw new RosterImportRefused({
          ...report,
          code: 'IMPORT_HAS_ERRORS',
          message: `共 ${report.total} 行，其中 ${report.errors.length} 行有问题，未导入任何党员。请改正后重新上传，或选择只导入无误的行`,
        });
      }
      for (const r of plan.inserts) {
        const inserted = await trx
          .insertInto('members')
          .values({
            org_id: scope.orgId,
            branch_id: r.branchId,
            name: r.name,
            phone: r.phone,
            gender: null,
            political_status: r.politicalStatus ?? 'full',
            employment: r.employment ?? 'in_service',
            joined_party_on: r.joinedPartyOn,
            title: r.title,
            external_no: r.externalNo,
            active: 1,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('role_grants')
          .values({ member_id: inserted.id, org_id: scope.orgId, role: 'member', branch_id: null, created_at: now })
          .execute();
      }
      for (const u of plan.updates) {
        const set = Object.fromEntries(Object.entries(u.set).map(([f, v]) => [COLUMN[f as RosterField], v]));
        await trx.updateTable('members').set(set).where('id', '=', u.memberId).execute();
      }
      await audit(
        trx,
        {
          orgId: scope.orgId,
          actorId: actor.memberId,
          action: 'roster.import',
          targetType: scope.branch ? 'branch' : 'org',
          targetId: scope.branch?.id ?? scope.orgId,
          detail: {
            total: report.total,
            added: report.added.length,
            changed: report.changed.length,
            unchanged: report.unchanged.length,
            skipped: report.errors.length,
          },
        },
        now,
      );
      report.applied = true;
      report.message = `已导入：${counts(report)}${report.errors.length ? `，跳过有问题的 ${report.errors.length} 行` : ''}`;
      return report;
    });
  } catch (error) {
    // Another import gave the same 编号 to someone between our read and our write.
    const code = (error as { code?: string }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw conflict('IMPORT_CONFLICT', '名册刚被他人修改，请重新预览后再确认');
    }
    throw error;
  }
}

const EXAMPLE_ROWS = (branch: string) => [
  ['0001', '张建国', branch, '13800001111', '在职', '正式', '1998-07-01', '处长'],
  ['0002', '李秀兰', branch, '13900002222', '退休', '正式', '1975-05-04', ''],
  ['', '王小明', branch, '13700003333', '在职', '预备', '2025-06-30', '科员'],
];

const NOTES = [
  '填写说明',
  '1. 第一行是表头，请勿修改；从第二行起每行一名党员，空行会被忽略。',
  '2. 姓名、所在支部必填；所在支部须与先锋中的支部名称完全一致。',
  '3. 编号（单位自编的党员编号）和手机号至少填一项：再次导入时据此找到同一人，有编号按编号，没有编号按姓名加手机号。',
  '4. 人员类别填“在职”或“退休”，党员类别填“正式”或“预备”，入党日期如 1998-07-01。',
  '5. 选填的格子留空表示不修改已有信息。',
  '6. 请勿填写身份证号：先锋不收集身份证号，含有身份证号的文件会被拒绝。',
  '7. 上传后先预览新增、修改和有问题的行，确认后才会写入；同一份文件再次导入不会重复添加。',
];

/** The template, with example rows in the branch (or the organisation's first branch). */
export function rosterTemplate(format: FileFormat, branchName: string): Promise<Buffer> {
  return buildTable(format, {
    name: '党员名册',
    headers: [...ROSTER_HEADERS],
    rows: EXAMPLE_ROWS(branchName),
    widths: { 0: 10, 1: 12, 2: 20, 3: 16, 6: 14 },
    defaultWidth: 12,
    notes: format === 'xlsx' ? NOTES : undefined,
  });
}
