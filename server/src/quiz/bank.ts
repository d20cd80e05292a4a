// The question bank of an organisation: rows <-> domain objects, validation shared by the
// editor and the importer, search.
import type { Kysely, Transaction } from 'kysely';
import type { Database, QuestionRow } from '../db/schema.js';
import type { Question, QuestionBody, QuestionKind, QuestionQuery } from '../contract/quiz.js';

type Executor = Kysely<Database> | Transaction<Database>;

export const KIND_LABEL: Record<QuestionKind, string> = { single: '单选', multiple: '多选', judge: '判断' };
export const JUDGE_OPTIONS = ['正确', '错误'];

export function toQuestion(row: QuestionRow): Question {
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

export async function searchQuestions(db: Executor, orgId: number, query: QuestionQuery) {
  let base = db.selectFrom('questions').where('org_id', '=', orgId).where('archived_at', 'is', null);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.difficulty) base = base.where('difficulty', '=', query.difficulty);
  if (query.q?.trim()) base = base.where('stem', 'like', `%${escapeLike(query.q.trim())}%`);
  // Tags are a JSON list of short strings; matching the quoted tag is exact and portable.
  if (query.tag) base = base.where('tags', 'like', `%${escapeLike(JSON.stringify(query.tag))}%`);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.limit ?? 30)
      .offset(query.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toQuestion), total: Number(count.n) };
}

/** Every tag in the bank with its number of active questions, most used first. */
export async function bankTags(db: Executor, orgId: number) {
  const rows = await db
    .selectFrom('questions')
    .select('tags')
    .where('org_id', '=', orgId)
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
