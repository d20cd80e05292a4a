// Importing a question file into the bank: read, check every row, refuse the whole file unless
// every row is clean (or the uploader asked to skip the bad ones), insert with versions.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { ImportReport } from '../contract/quiz.js';
import { AppError, badRequest } from '../errors.js';
import { audit } from '../lib/audit.js';
import { quoteRow } from '../lib/table-file.js';
import { insertQuestions, stemsInUse } from './bank.js';
import { parseQuestions, readRows, UnreadableFile } from './io.js';
import type { Owned } from './ownership.js';

/** A refused import: the report of every bad row goes back with 422. */
export class ImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super(report.message);
  }
}

export async function importQuestionFile(
  db: Kysely<Database>,
  actor: Actor,
  owner: Owned,
  file: Buffer,
  skipInvalid: boolean,
  now = Date.now(),
): Promise<ImportReport> {
  let rows: string[][];
  try {
    rows = await readRows(file);
  } catch (error) {
    if (error instanceof UnreadableFile) {
      throw new AppError(415, 'FILE_UNREADABLE', '无法读取文件，请上传 XLSX 或 CSV 格式的题库文件');
    }
    throw error;
  }
  const parsed = parseQuestions(rows);
  if (parsed.headerProblem) {
    throw new ImportRefused({
      code: 'IMPORT_HAS_ERRORS',
      message: parsed.headerProblem,
      total: 0,
      imported: 0,
      errors: [{ row: 1, text: quoteRow(rows[0] ?? []), message: parsed.headerProblem }],
    });
  }
  const existing = await stemsInUse(db, owner);
  const seen = new Map([...existing].map((stem) => [stem, 0]));
  for (const r of parsed.rows) {
    if (!r.question) continue;
    const earlier = seen.get(r.question.stem);
    if (earlier !== undefined) {
      r.problems.push(earlier === 0 ? '题库中已有相同题干的题目' : `与第 ${earlier} 行题干重复`);
      r.question = null;
    } else seen.set(r.question.stem, r.row);
  }
  const errors = parsed.rows
    .filter((r) => !r.question)
    .map((r) => ({ row: r.row, text: quoteRow(rows[r.row - 1] ?? []), message: r.problems.join('；') }));
  const clean = parsed.rows.flatMap((r) => (r.question ? [r.question] : []));
  const total = parsed.rows.length;
  if (total === 0) throw badRequest('IMPORT_EMPTY', '文件中没有题目');
  if (errors.length && !skipInvalid) {
    throw new ImportRefused({
      code: 'IMPORT_HAS_ERRORS',
      message: `共 ${total} 行，其中 ${errors.length} 行有问题，未导入任何题目。请改正后重新上传，或选择只导入无误的 ${clean.length} 行`,
      total,
      imported: 0,
      errors,
    });
  }
  await db.transaction().execute(async (trx) => {
    await insertQuestions(
      trx,
      clean.map((body) => ({ owner, body })),
      actor.memberId,
      now,
    );
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'question.import',
        targetType: 'question_bank',
        targetId: owner.branch_id ?? owner.org_id,
        detail: { total, imported: clean.length, skipped: errors.length, branchId: owner.branch_id },
      },
      now,
    );
  });
  return {
    message: errors.length
      ? `已导入 ${clean.length} 道题，跳过有问题的 ${errors.length} 行`
      : `已导入 ${clean.length} 道题`,
    total,
    imported: clean.length,
    errors,
  };
}
