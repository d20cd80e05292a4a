// Text written into a CSV or XLSX that a person opens in Excel or WPS: a cell starting with
// = + - @ (or a tab / carriage return before one) can be read as a formula (CSV injection,
// OWASP). Such text gets a leading apostrophe, which Excel shows as plain text. Only strings:
// a number such as a points delta of -2 stays a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes neutralizeCell on a cell read back from a file we exported, so a round trip keeps the text. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
