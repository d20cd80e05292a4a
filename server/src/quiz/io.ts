// Question bank files: the XLSX and CSV template, export and import. One column layout for
// both formats, so an export can be edited and imported again.
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse as parseCsvText } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { QuestionBody, QuestionKind } from '../contract/quiz.js';
import { AppError } from '../errors.js';
import { neutralizeCell, restoreCell } from '../lib/spreadsheet-cell.js';
import { JUDGE_OPTIONS, KIND_LABEL, questionProblems } from './bank.js';

/** Questions one file may carry: a bank is imported in parts of this size at most. */
export const MAX_QUESTION_ROWS = 2000;
/**
 * What an XLSX may inflate to. 2,000 questions of typical length take about 2 MB of sheet XML, the
 * longest allowed about 20 MB; anything beyond is a zip bomb, refused before exceljs holds it in memory.
 */
export const MAX_INFLATED_BYTES = 24 * 1024 * 1024;

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

export type FileFormat = 'xlsx' | 'csv';
export const MIME: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

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
  // A stem such as "=HYPERLINK(...)" must stay text in the org admin's Excel.
  const rows = (template ? EXAMPLES : questions).map((q) => toRow(q).map((c) => neutralizeCell(c)));
  if (format === 'csv') {
    const lines = [HEADERS, ...rows].map((r) => r.map(csvCell).join(','));
    // The BOM lets Excel open the UTF-8 file with the Chinese intact.
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 || i === 11 ? 50 : i === 0 || i === 14 ? 8 : 16;
  });
  if (template) {
    const notes = workbook.addWorksheet('填写说明');
    for (const line of NOTES) notes.addRow([line]);
    notes.getColumn(1).width = 90;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV rows: RFC 4180 quoting, CRLF, LF or CR line ends, rows of any length. */
export function parseCsv(text: string): string[][] {
  return parseCsvText(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n', '\r'],
  }) as string[][];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a CSV: UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GB18030,
 * the superset of GBK that Excel and WPS on Chinese Windows save by default.
 */
export function decodeCsv(file: Buffer): string {
  try {
    return utf8.decode(file).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(file, 'gb18030');
  }
}

export class UnreadableFile extends Error {}

const tooManyRows = (rows: number) =>
  new AppError(
    413,
    'TOO_MANY_ROWS',
    `文件中约有 ${rows} 行，一次最多导入 ${MAX_QUESTION_ROWS} 道题，请分成几个文件导入`,
  );

const inflatesTooLarge = () =>
  new AppError(
    413,
    'FILE_INFLATES_TOO_LARGE',
    `文件解压后超过 ${MAX_INFLATED_BYTES / 1024 / 1024} MB，不像是题库文件；请使用下载的模板，每次最多导入 ${MAX_QUESTION_ROWS} 道题`,
  );

/**
 * Reads the zip's central directory and inflates every entry under a shared budget, before
 * exceljs sees the file: declared sizes are checked first, and the bounded inflate catches a
 * directory that lies about them. Returns the rows the worksheets declare.
 */
export function inspectXlsx(file: Buffer): { worksheetRows: number } {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > file.length) throw new UnreadableFile('zip');
  const entries = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  let declared = 0;
  let budget = MAX_INFLATED_BYTES;
  let worksheetRows = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) throw new UnreadableFile('zip');
    const method = file.readUInt16LE(at + 10);
    const compressed = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    const local = file.readUInt32LE(at + 42);
    at = next;
    // 0xFFFFFFFF marks a zip64 size: no question file comes near 4 GB.
    declared += size === 0xffffffff ? Infinity : size;
    if (declared > MAX_INFLATED_BYTES) throw inflatesTooLarge();
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) throw new UnreadableFile('zip');
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw inflatesTooLarge();
        throw new UnreadableFile('zip');
      }
    } else throw new UnreadableFile('zip method');
    budget -= content.length;
    if (budget < 0) throw inflatesTooLarge();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      worksheetRows = Math.max(worksheetRows, content.toString('latin1').match(/<row[\s>]/g)?.length ?? 0);
    }
  }
  return { worksheetRows };
}

/** The sheet's rows as text, the header first. Refuses files out of proportion before parsing them. */
export async function readRows(file: Buffer): Promise<string[][]> {
  const isZip = file.length > 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
  if (isZip) {
    const { worksheetRows } = inspectXlsx(file);
    if (worksheetRows > MAX_QUESTION_ROWS + 1) throw tooManyRows(worksheetRows - 1);
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new UnreadableFile('xlsx');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: string[] = [];
      for (let c = 1; c <= HEADERS.length + 4; c++) cells.push(restoreCell(row.getCell(c).text ?? ''));
      rows[number - 1] = cells;
    });
    return Array.from(rows, (r) => r ?? []);
  }
  if (file.includes(0)) throw new UnreadableFile('binary');
  let rows: string[][];
  try {
    rows = parseCsv(decodeCsv(file));
  } catch {
    throw new UnreadableFile('csv');
  }
  const filled = rows.filter((r) => r.some((c) => c.trim() !== '')).length;
  if (filled > MAX_QUESTION_ROWS + 1) throw tooManyRows(filled - 1);
  return rows.map((r) => r.map(restoreCell));
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
