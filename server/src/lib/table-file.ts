// Tables that people keep in Excel or WPS, uploaded as XLSX or CSV and handed back as templates
// and exports: the file handling every importer shares (question bank, roster). The zip of an
// XLSX is inspected under a size budget before exceljs holds it in memory, a CSV is decoded as
// UTF-8 or GBK, the row count is capped before any row is checked, and text that Excel would read
// as a formula is neutralised on the way out and restored on the way in.
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse as parseCsvText } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { AppError } from '../errors.js';
import { neutralizeCell, restoreCell } from './spreadsheet-cell.js';

/**
 * What an XLSX may inflate to. 2,000 questions of typical length take about 2 MB of sheet XML, the
 * longest allowed about 20 MB; anything beyond is a zip bomb, refused before exceljs holds it in memory.
 */
export const MAX_INFLATED_BYTES = 24 * 1024 * 1024;

export type FileFormat = 'xlsx' | 'csv';
export const MIME: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Not an XLSX or CSV we can read: the caller answers 415 in its own words. */
export class UnreadableFile extends Error {}

/** How one importer speaks of its files in the refusals. */
export interface TableLimits {
  /** Data rows (after the header) one file may carry. */
  maxRows: number;
  /** Columns read from an XLSX row. */
  columns: number;
  /** "道题", "名党员": what a row is, after a number. */
  unit: string;
  /** "题库文件", "名册文件". */
  fileKind: string;
}

const tooManyRows = (rows: number, limits: TableLimits) =>
  new AppError(
    413,
    'TOO_MANY_ROWS',
    `文件中约有 ${rows} 行，一次最多导入 ${limits.maxRows} ${limits.unit}，请分成几个文件导入`,
  );

const inflatesTooLarge = (limits: TableLimits) =>
  new AppError(
    413,
    'FILE_INFLATES_TOO_LARGE',
    `文件解压后超过 ${MAX_INFLATED_BYTES / 1024 / 1024} MB，不像是${limits.fileKind}；请使用下载的模板，每次最多导入 ${limits.maxRows} ${limits.unit}`,
  );

/** A row as its reader quotes it beside the row number in an error report: filled cells, short. */
export function quoteRow(cells: readonly string[], limit = 200): string {
  const text = cells
    .map((c) => c.trim())
    .filter(Boolean)
    .join(' | ');
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export function csvCell(value: string): string {
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

/**
 * Reads the zip's central directory and inflates every entry under a shared budget, before
 * exceljs sees the file: declared sizes are checked first, and the bounded inflate catches a
 * directory that lies about them. Returns the rows the worksheets declare.
 */
export function inspectXlsx(file: Buffer, limits?: TableLimits): { worksheetRows: number } {
  const refuse = () => inflatesTooLarge(limits ?? { maxRows: 0, columns: 0, unit: '行', fileKind: '表格文件' });
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
    // 0xFFFFFFFF marks a zip64 size: no table we import comes near 4 GB.
    declared += size === 0xffffffff ? Infinity : size;
    if (declared > MAX_INFLATED_BYTES) throw refuse();
    if (local + 30 > file.length || file.readUInt32LE(local) !== 0x04034b50) throw new UnreadableFile('zip');
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw refuse();
        throw new UnreadableFile('zip');
      }
    } else throw new UnreadableFile('zip method');
    budget -= content.length;
    if (budget < 0) throw refuse();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      worksheetRows = Math.max(worksheetRows, content.toString('latin1').match(/<row[\s>]/g)?.length ?? 0);
    }
  }
  return { worksheetRows };
}

/**
 * An XLSX cell as text. A date cell becomes YYYY-MM-DD: exceljs reads Excel's serial day as a
 * UTC midnight, so the UTC date is the one the person typed.
 */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return restoreCell(cell.text ?? '');
}

/** The first sheet's rows as text, the header first. Refuses files out of proportion before parsing them. */
export async function readTable(file: Buffer, limits: TableLimits): Promise<string[][]> {
  const isZip = file.length > 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
  if (isZip) {
    const { worksheetRows } = inspectXlsx(file, limits);
    if (worksheetRows > limits.maxRows + 1) throw tooManyRows(worksheetRows - 1, limits);
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
      for (let c = 1; c <= limits.columns; c++) cells.push(cellText(row.getCell(c)));
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
  if (filled > limits.maxRows + 1) throw tooManyRows(filled - 1, limits);
  return rows.map((r) => r.map(restoreCell));
}

export interface TableSheet {
  name: string;
  headers: string[];
  rows: string[][];
  /** Column widths in characters, by column index; others get `defaultWidth`. */
  widths?: Record<number, number>;
  defaultWidth?: number;
  /** A second sheet of instructions, one line a row (XLSX only). */
  notes?: string[];
}

/** A file to hand out: a CSV with a BOM, or an XLSX with a bold frozen header and optional notes. */
export async function buildTable(format: FileFormat, table: TableSheet): Promise<Buffer> {
  // A cell such as "=HYPERLINK(...)" must stay text in the reader's Excel.
  const rows = table.rows.map((r) => r.map((c) => neutralizeCell(c)));
  if (format === 'csv') {
    const lines = [table.headers, ...rows].map((r) => r.map(csvCell).join(','));
    // The BOM lets Excel open the UTF-8 file with the Chinese intact.
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.name);
  sheet.addRow(table.headers);
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c, i) => {
    c.width = table.widths?.[i] ?? table.defaultWidth ?? 16;
  });
  if (table.notes) {
    const notes = workbook.addWorksheet('填写说明');
    for (const line of table.notes) notes.addRow([line]);
    notes.getColumn(1).width = 90;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
