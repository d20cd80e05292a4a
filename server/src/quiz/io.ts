// Question bank files: the XLSX and CSV template, export and import. One column layout for
// both formats, so an export can be edited and imported again.
import type { QuestionBody, QuestionKind } from '../contract/quiz.js';
import {
  buildTable,
  inspectXlsx,
  MAX_INFLATED_BYTES,
  readTable,
  UnreadableFile,
  type FileFormat,
  type TableLimits,
} from '../lib/table-file.js';
import { JUDGE_OPTIONS, KIND_LABEL, questionProblems } from './bank.js';

/** Questions one file may carry: a bank is imported in parts of this size at most. */
export const MAX_QUESTION_ROWS = 2000;

const LETTERS = 'ABCDEFGH';
const OPTION_HEADERS = [...LETTERS].map((l) => `选项${l}`);
export const HEADERS = ['题型', '题干', ...OPTION_HEADERS, '答案', '解析', '标签', '难度', '出处'];
const KIND_BY_LABEL: Record<string, QuestionKind> = {
  单选: 'single',
  单选题: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  判断: 'judge',
  判断题: 'judge',
};

export { MIME, type FileFormat } from '../lib/table-file.js';

export function toRow(q: QuestionBody): string[] {
  const options = q.kind === 'judge' ? ['', ''] : q.options;
  const answer =
    q.kind === 'judge' ? (JUDGE_OPTIONS[q.answer[0] ?? 0] ?? '') : q.answer.map((i) => LETTERS[i]).join('');
  return [
    KIND_LABEL[q.kind],
    q.stem,
    ...OPTION_HEADERS.map((_, i) => options[i] ?? ''),
    answer,
    q.explanation,
    q.tags.join('、'),
    String(q.difficulty),
    q.source ?? '',
  ];
}

const EXAMPLES: QuestionBody[] = [
  {
    kind: 'single',
    stem: '申请入党的人，要有几名正式党员作介绍人？',
    options: ['一名', '两名', '三名'],
    answer: [1],
    explanation: '《中国共产党章程》第五条：申请入党的人……要有两名正式党员作介绍人。',
    tags: ['党章', '发展党员'],
    difficulty: 1,
    source: '《中国共产党章程》',
  },
  {
    kind: 'multiple',
    stem: '对党员的纪律处分种类包括（ ）。',
    options: ['警告', '严重警告', '撤销党内职务', '降级'],
    answer: [0, 1, 2],
    explanation: '《中国共产党纪律处分条例》第八条列明五种处分：警告、严重警告、撤销党内职务、留党察看、开除党籍。',
    tags: ['纪律'],
    difficulty: 2,
    source: '《中国共产党纪律处分条例》',
  },
  {
    kind: 'judge',
    stem: '预备党员的预备期为一年。',
    options: JUDGE_OPTIONS,
    answer: [0],
    explanation: '《中国共产党章程》第七条：预备党员的预备期为一年。',
    tags: ['党章'],
    difficulty: 1,
    source: '《中国共产党章程》',
  },
];

const NOTES = [
  '填写说明',
  '1. 第一行是表头，请勿修改；从第二行起每行一道题，空行会被忽略。',
  '2. 题型填“单选”“多选”或“判断”。',
  '3. 单选、多选题填写选项A起的 2 至 8 个选项；判断题的选项留空，答案填“正确”或“错误”。',
  '4. 答案填选项字母：单选如 B，多选如 ACD（至少两个）。',
  '5. 标签用顿号、逗号或空格分隔，如“党章、党员”；难度填 1（易）、2（中）或 3（难）。',
  '6. 解析必填，请注明出处，如“《中国共产党章程》第五条”。',
  '7. 导入前会逐行检查；只要有一行有问题，整份文件都不会导入，请按提示改正后重新上传。',
];

export async function buildFile(format: FileFormat, questions: QuestionBody[], template = false): Promise<Buffer> {
  return buildTable(format, {
    name: '题库',
    headers: HEADERS,
    rows: (template ? EXAMPLES : questions).map(toRow),
    widths: { 0: 8, 1: 50, 11: 50, 14: 8 },
    notes: template ? NOTES : undefined,
  });
}

const LIMITS: TableLimits = {
  maxRows: MAX_QUESTION_ROWS,
  columns: HEADERS.length + 4,
  unit: '道题',
  fileKind: '题库文件',
};

/** Re-exported for the tests of the zip check, which is shared with the roster import. */
export { inspectXlsx, MAX_INFLATED_BYTES, UnreadableFile };

/** The sheet's rows as text, the header first. Refuses files out of proportion before parsing them. */
export function readRows(file: Buffer): Promise<string[][]> {
  return readTable(file, LIMITS);
}

export interface ParsedRow {
  row: number;
  question: QuestionBody | null;
  problems: string[];
}

/** Reads every non-blank row into a question or a list of problems, with the spreadsheet's row number. */
export function parseQuestions(rows: string[][]): { headerProblem: string | null; rows: ParsedRow[] } {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const column = new Map(header.map((h, i) => [h, i]));
  const missing = ['题型', '题干', '答案', '解析'].filter((h) => !column.has(h));
  if (missing.length) {
    return { headerProblem: `第 1 行表头缺少“${missing.join('”“')}”列，请使用下载的模板`, rows: [] };
  }
  const get = (cells: string[], name: string) => {
    const i = column.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const parsed: ParsedRow[] = [];
  rows.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const problems: string[] = [];
    const kindText = get(cells, '题型');
    const kind = KIND_BY_LABEL[kindText];
    if (!kind) problems.push(kindText ? `题型“${kindText}”无法识别，应为单选、多选或判断` : '题型为空');
    const stem = get(cells, '题干');
    const explanation = get(cells, '解析');
    const answerText = get(cells, '答案')
      .replace(/[\s,，、]/g, '')
      .toUpperCase();
    let options = OPTION_HEADERS.map((h) => get(cells, h));
    const lastFilled = options.reduce((last, o, i) => (o ? i : last), -1);
    if (options.slice(0, lastFilled + 1).some((o) => o === '')) problems.push('选项中间有空缺');
    options = options.slice(0, lastFilled + 1);
    let answer: number[] = [];
    if (kind === 'judge') {
      if (options.length > 0 && !(options.length === 2 && options[0] === '正确' && options[1] === '错误')) {
        problems.push('判断题的选项应留空（或为“正确”“错误”）');
      }
      options = [...JUDGE_OPTIONS];
      const map: Record<string, number> = { 正确: 0, 对: 0, A: 0, '√': 0, 错误: 1, 错: 1, B: 1, '×': 1 };
      if (answerText in map) answer = [map[answerText] as number];
      else problems.push(answerText ? `判断题答案“${answerText}”应为正确或错误` : '答案为空');
    } else if (kind) {
      if (!answerText) problems.push('答案为空');
      else if (!/^[A-H]+$/.test(answerText)) problems.push(`答案“${answerText}”应为选项字母，如 B 或 ACD`);
      else answer = [...answerText].map((l) => LETTERS.indexOf(l));
    }
    const difficultyText = get(cells, '难度') || '1';
    const difficulty = Number(difficultyText);
    if (![1, 2, 3].includes(difficulty)) problems.push(`难度“${difficultyText}”应为 1、2 或 3`);
    if (!stem) problems.push('题干为空');
    else if (stem.length > 500) problems.push('题干超过 500 字');
    if (!explanation) problems.push('解析为空');
    else if (explanation.length > 1000) problems.push('解析超过 1000 字');
    if (options.some((o) => o.length > 200)) problems.push('选项超过 200 字');
    const tags = get(cells, '标签')
      .split(/[、,，;；\s]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length > 8) problems.push('标签最多 8 个');
    const source = get(cells, '出处') || null;
    if (source && source.length > 100) problems.push('出处超过 100 字');
    if (problems.length || !kind) {
      parsed.push({ row, question: null, problems });
      return;
    }
    const question: QuestionBody = { kind, stem, options, answer, explanation, tags, difficulty, source };
    const more = questionProblems(question).filter((p) => !problems.includes(p));
    parsed.push({ row, question: more.length ? null : question, problems: more });
  });
  return { headerProblem: null, rows: parsed };
}
