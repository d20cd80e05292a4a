// The question bank of an organisation: rows <-> domain objects, validation shared by the
// editor and the importer, search.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database, QuestionRow, QuestionVersionRow } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { Question, QuestionBody, QuestionKind, QuestionQuery } from '../contract/quiz.js';
import { audit } from '../lib/audit.js';
import { notFound } from '../errors.js';
import { mayEditQuestion, questionKeeper, type Owned } from './ownership.js';

type Executor = Kysely<Database> | Transaction<Database>;
export type BankRow = QuestionRow & { branch_name: string | null };

export const KIND_LABEL: Record<QuestionKind, string> = { single: '单选', multiple: '多选', judge: '判断' };
export const JUDGE_OPTIONS = ['正确', '错误'];

/** A bank row as the reader sees it: with its owner and whether the reader may change it. */
export function toQuestion(row: BankRow, actor: Actor): Question {
  const editable = mayEditQuestion(actor, row);
  return {
    id: row.id,
    kind: row.kind as QuestionKind,
    stem: row.stem,
    options: JSON.parse(row.options) as string[],
    answer: JSON.parse(row.answer) as number[],
    explanation: row.explanation,
    tags: JSON.parse(row.tags) as string[],
    difficulty: row.difficulty,
    source: row.source,
    branch: row.branch_id === null ? null : { id: row.branch_id, name: row.branch_name ?? '' },
    editable,
    readOnlyReason: editable ? null : questionKeeper(row, row.branch_name),
  };
}

/** The problems with a question, in Chinese; empty when it is fine. Schema checks ran already for API bodies. */
export function questionProblems(q: QuestionBody): string[] {
  const problems: string[] = [];
  const options = q.options.map((o) => o.trim());
  if (q.stem.trim().length < 4) problems.push('题干至少 4 个字');
  if (options.length < 2 || options.length > 8) problems.push('选项须为 2 至 8 个');
  if (options.some((o) => o === '')) problems.push('选项不能为空');
  if (new Set(options).size !== options.length) problems.push('选项不能重复');
  if (q.kind === 'judge' && (options.length !== 2 || options[0] !== '正确' || options[1] !== '错误')) {
    problems.push('判断题的选项须为“正确”“错误”');
  }
  const answer = [...new Set(q.answer)];
  if (answer.length !== q.answer.length) problems.push('答案不能重复');
  if (answer.some((a) => !Number.isInteger(a) || a < 0 || a >= options.length)) problems.push('答案须是已有的选项');
  if (q.kind !== 'multiple' && answer.length !== 1) problems.push(`${KIND_LABEL[q.kind]}题只能有一个答案`);
  if (q.kind === 'multiple' && answer.length < 2) problems.push('多选题至少有两个答案');
  if (q.explanation.trim().length < 2) problems.push('解析至少 2 个字');
  if (![1, 2, 3].includes(q.difficulty)) problems.push('难度须为 1、2 或 3');
  if (q.tags.some((t) => t.trim() === '' || t.length > 20)) problems.push('标签须为 1 至 20 个字');
  return problems;
}

export function questionValues(q: QuestionBody) {
  return {
    kind: q.kind,
    stem: q.stem.trim(),
    options: JSON.stringify(q.options.map((o) => o.trim())),
    answer: JSON.stringify([...q.answer].sort((a, b) => a - b)),
    explanation: q.explanation.trim(),
    tags: JSON.stringify([...new Set(q.tags.map((t) => t.trim()))]),
    difficulty: q.difficulty,
    source: q.source?.trim() || null,
  };
}

/**
 * The part of the org's bank a manager sees: all of it for the org admin; the org-wide
 * questions and those of the branches they keep for a secretary.
 */
export function inBankOf(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'questions'>) => {
    const own = eb('questions.org_id', '=', actor.orgId);
    if (actor.isOrgAdmin) return own;
    const branches = actor.managerOf.length ? actor.managerOf : [-1];
    return eb.and([own, eb.or([eb('questions.branch_id', 'is', null), eb('questions.branch_id', 'in', branches)])]);
  };
}

/** Active questions a quiz (or a member's practice) of this owner may use: org-wide and the branch's own. */
export function usableBy(owner: Owned) {
  return (eb: ExpressionBuilder<Database, 'questions'>) =>
    eb.and([
      eb('questions.org_id', '=', owner.org_id),
      eb('questions.archived_at', 'is', null),
      owner.branch_id === null
        ? eb('questions.branch_id', 'is', null)
        : eb.or([eb('questions.branch_id', 'is', null), eb('questions.branch_id', '=', owner.branch_id)]),
    ]);
}

const withBranchName = (db: Executor) =>
  db
    .selectFrom('questions')
    .leftJoin('branches', 'branches.id', 'questions.branch_id')
    .selectAll('questions')
    .select('branches.name as branch_name');

export async function searchQuestions(db: Executor, actor: Actor, query: QuestionQuery) {
  let base = db.selectFrom('questions').where(inBankOf(actor)).where('archived_at', 'is', null);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.difficulty) base = base.where('difficulty', '=', query.difficulty);
  if (query.q?.trim()) base = base.where('stem', 'like', `%${escapeLike(query.q.trim())}%`);
  // Tags are a JSON list of short strings; matching the quoted tag is exact and portable.
  if (query.tag) base = base.where('tags', 'like', `%${escapeLike(JSON.stringify(query.tag))}%`);
  const [page, count] = await Promise.all([
    base
      .select('id')
      .orderBy('id', 'desc')
      .limit(query.limit ?? 30)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((r) => r.id);
  const rows = ids.length
    ? await withBranchName(db).where('questions.id', 'in', ids).orderBy('questions.id', 'desc').execute()
    : [];
  return { items: rows.map((r) => toQuestion(r, actor)), total: Number(count.n) };
}

/** Every tag in the bank with its number of active questions, most used first. */
export async function bankTags(db: Executor, actor: Actor) {
  const rows = await db
    .selectFrom('questions')
    .select('tags')
    .where(inBankOf(actor))
    .where('archived_at', 'is', null)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) for (const t of JSON.parse(r.tags) as string[]) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

// `like` without an escape clause: drop the wildcards a user typed rather than match them.
const escapeLike = (s: string) => s.replace(/[%_]/g, '');

/** One active question of the bank with its branch's name (the guard has decided access). */
export async function readQuestion(db: Executor, actor: Actor, id: number): Promise<Question> {
  const row = await withBranchName(db).where('questions.id', '=', id).executeTakeFirst();
  if (!row || row.archived_at !== null) throw notFound('题目');
  return toQuestion(row, actor);
}

/** The question read again inside the editing transaction: it may have been archived meanwhile. */
async function activeQuestion(db: Executor, id: number) {
  const row = await db
    .selectFrom('questions')
    .select(['id', 'org_id', 'branch_id', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.archived_at !== null) throw notFound('题目');
  return row;
}

type VersionContent = Pick<QuestionVersionRow, 'kind' | 'stem' | 'options' | 'answer' | 'explanation' | 'source'>;
const versionOf = (questionId: number, q: VersionContent, createdBy: number | null, now: number) => ({
  question_id: questionId,
  kind: q.kind,
  stem: q.stem,
  options: q.options,
  answer: q.answer,
  explanation: q.explanation,
  source: q.source,
  created_at: now,
  created_by: createdBy,
});

/** Points each question at its newest version. */
async function pointAtNewestVersion(trx: Transaction<Database>, questionIds: number[]) {
  if (!questionIds.length) return;
  await trx
    .updateTable('questions')
    .set((eb) => ({
      current_version_id: eb
        .selectFrom('question_versions')
        .select((v) => v.fn.max('question_versions.id').as('v'))
        .whereRef('question_versions.question_id', '=', 'questions.id'),
    }))
    .where('id', 'in', questionIds)
    .execute();
}

export interface NewQuestion {
  owner: Owned;
  body: QuestionBody;
}

/**
 * Adds questions with their first version, in batches. The seed, the importer and the editor all
 * come through here, so every question has a version for papers to name.
 */
export async function insertQuestions(
  trx: Transaction<Database>,
  questions: readonly NewQuestion[],
  createdBy: number | null,
  now: number,
): Promise<QuestionRow[]> {
  const out: QuestionRow[] = [];
  for (let i = 0; i < questions.length; i += 100) {
    const rows = await trx
      .insertInto('questions')
      .values(
        questions.slice(i, i + 100).map((q) => ({
          org_id: q.owner.org_id,
          branch_id: q.owner.branch_id,
          ...questionValues(q.body),
          created_at: now,
          updated_at: now,
          archived_at: null,
          current_version_id: null,
        })),
      )
      .returningAll()
      .execute();
    await trx
      .insertInto('question_versions')
      .values(rows.map((r) => versionOf(r.id, r, createdBy, now)))
      .execute();
    await pointAtNewestVersion(
      trx,
      rows.map((r) => r.id),
    );
    out.push(...rows);
  }
  return out;
}

/** Gives a version to questions written without one (outside these functions); returns each question's current version. */
export async function ensureVersions(
  trx: Transaction<Database>,
  questions: ReadonlyArray<QuestionRow>,
  now: number,
): Promise<Map<number, number>> {
  const missing = questions.filter((q) => q.current_version_id === null);
  const current = new Map(
    questions.flatMap((q) => (q.current_version_id === null ? [] : [[q.id, q.current_version_id]])),
  );
  if (!missing.length) return current;
  await trx
    .insertInto('question_versions')
    .values(missing.map((q) => versionOf(q.id, q, null, now)))
    .execute();
  await pointAtNewestVersion(
    trx,
    missing.map((q) => q.id),
  );
  const rows = await trx
    .selectFrom('questions')
    .select(['id', 'current_version_id'])
    .where(
      'id',
      'in',
      missing.map((q) => q.id),
    )
    .execute();
  for (const r of rows) current.set(r.id, r.current_version_id!);
  return current;
}

export async function createQuestion(
  db: Kysely<Database>,
  actor: Actor,
  owner: Owned,
  body: QuestionBody,
  now = Date.now(),
) {
  const id = await db.transaction().execute(async (trx) => {
    const [row] = await insertQuestions(trx, [{ owner, body }], actor.memberId, now);
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'question.create',
        targetType: 'question',
        targetId: row!.id,
      },
      now,
    );
    return row!.id;
  });
  return readQuestion(db, actor, id);
}

/** A new version of the question; attempts and practice keep the version they were shown. */
export async function updateQuestion(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: QuestionBody,
  now = Date.now(),
) {
  await activeQuestion(db, id);
  const values = questionValues(body);
  await db.transaction().execute(async (trx) => {
    const version = await trx
      .insertInto('question_versions')
      .values(versionOf(id, values, actor.memberId, now))
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('questions')
      .set({ ...values, updated_at: now, current_version_id: version.id })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      {
        orgId: actor.orgId,
        actorId: actor.memberId,
        action: 'question.update',
        targetType: 'question',
        targetId: id,
        detail: { versionId: version.id },
      },
      now,
    );
  });
  return readQuestion(db, actor, id);
}

export async function archiveQuestion(db: Kysely<Database>, actor: Actor, id: number, now = Date.now()) {
  await activeQuestion(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('questions').set({ archived_at: now, updated_at: now }).where('id', '=', id).execute();
    await audit(
      trx,
      { orgId: actor.orgId, actorId: actor.memberId, action: 'question.archive', targetType: 'question', targetId: id },
      now,
    );
  });
}

/** Every active question the actor sees, oldest first, for the export. */
export async function bankForExport(db: Executor, actor: Actor): Promise<Question[]> {
  const rows = await withBranchName(db)
    .where(inBankOf(actor))
    .where('questions.archived_at', 'is', null)
    .orderBy('questions.id')
    .execute();
  return rows.map((r) => toQuestion(r, actor));
}

/** Stems already in use where new questions of this owner would go (its bank and the org-wide one). */
export async function stemsInUse(db: Executor, owner: Owned): Promise<Set<string>> {
  const rows = await db.selectFrom('questions').select('stem').where(usableBy(owner)).execute();
  return new Set(rows.map((r) => r.stem));
}
