// A small question bank for the quiz tests, with answers the tests know by option text.
import type { Db } from '../../src/db/index.js';
import { insertQuestions } from '../../src/quiz/bank.js';

export interface FixtureQuestion {
  id: number;
  kind: 'single' | 'multiple' | 'judge';
  stem: string;
  options: string[];
  answer: number[];
  tags: string[];
  difficulty: number;
}

const BANK: Array<Omit<FixtureQuestion, 'id'>> = [
  {
    kind: 'single',
    stem: '单选题一：申请入党要有几名正式党员作介绍人？',
    options: ['一名', '两名', '三名', '四名'],
    answer: [1],
    tags: ['党章'],
    difficulty: 1,
  },
  {
    kind: 'multiple',
    stem: '多选题一：下列哪些是纪律处分种类？',
    options: ['警告', '降级', '严重警告', '记过'],
    answer: [0, 2],
    tags: ['纪律'],
    difficulty: 2,
  },
  {
    kind: 'judge',
    stem: '判断题一：预备党员的预备期为一年。',
    options: ['正确', '错误'],
    answer: [0],
    tags: ['党章'],
    difficulty: 1,
  },
  {
    kind: 'single',
    stem: '单选题二：党的全国代表大会每几年举行一次？',
    options: ['三年', '四年', '五年', '十年'],
    answer: [2],
    tags: ['党章', '组织制度'],
    difficulty: 1,
  },
  {
    kind: 'multiple',
    stem: '多选题二：下列属于“三会一课”的有？',
    options: ['支部党员大会', '支部委员会会议', '党小组会', '党课', '茶话会'],
    answer: [0, 1, 2, 3],
    tags: ['支部工作'],
    difficulty: 2,
  },
  {
    kind: 'judge',
    stem: '判断题二：党小组会由党支部书记召集并主持。',
    options: ['正确', '错误'],
    answer: [1],
    tags: ['支部工作'],
    difficulty: 3,
  },
];

/** The fixture bank, org-wide unless a branch is named, each question at its first version. */
export async function addBank(db: Db, orgId: number, branchId: number | null = null): Promise<FixtureQuestion[]> {
  const rows = await db.transaction().execute((trx) =>
    insertQuestions(
      trx,
      BANK.map((q, i) => ({
        owner: { org_id: orgId, branch_id: branchId },
        body: { ...q, explanation: `解析第${i + 1}题`, source: null },
      })),
      null,
      Date.now(),
    ),
  );
  return rows.map((row, i) => ({ id: row.id, ...BANK[i]! }));
}

/** Every key anywhere in a JSON value. */
export function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

interface ShownQuestion {
  position: number;
  questionId: number;
  options: string[];
}

/** The shown option indexes of the right answer (or a chosen subset of it), found by option text. */
export function rightChoices(bank: FixtureQuestion[], q: ShownQuestion, pick?: (answer: number[]) => number[]) {
  const source = bank.find((b) => b.id === q.questionId)!;
  const answer = pick ? pick(source.answer) : source.answer;
  return answer.map((i) => q.options.indexOf(source.options[i]!)).sort((a, b) => a - b);
}

export function wrongChoice(bank: FixtureQuestion[], q: ShownQuestion) {
  const source = bank.find((b) => b.id === q.questionId)!;
  const wrong = source.options.findIndex((_, i) => !source.answer.includes(i));
  return [q.options.indexOf(source.options[wrong]!)];
}

export const inFuture = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
