// CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Korean as mojibake), CRLF
// line ends, and text that a spreadsheet could take for a formula neutralised, so opening the
// file cannot run anything a callback sender put in a field (CSV injection).

export const csvBom = "\uFEFF";

// What spreadsheets treat as the start of a formula: = + - @ after any leading whitespace
// (Excel and LibreOffice skip it), their full-width forms (＝ ＋ － ＠, which Korean and Japanese
// IMEs type and some spreadsheets fold to ASCII), and a leading tab, CR or LF (which some import
// paths strip, exposing whatever follows).
const formulaStart = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/u;

/**
 * Text as it may safely sit in a spreadsheet cell: unchanged, or prefixed with an apostrophe when
 * it could be read as a formula. Pure, for every export format (CSV here, Excel elsewhere).
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

// Excel splits CSV at the locale's list separator: "," in Korea, ";" in much of Europe, a tab when
// pasted. A cell holding any of them is quoted, and a formula start after one (or after a line
// break, where a reader splitting lines first starts a new cell) gets the apostrophe too, so no
// piece of the cell reads as a formula however the file is split. A quote there gets one as well:
// split at the other separator it would open a quoted field, whose text could start a formula.
const formulaAfterSeparator = /([,;\t\r\n])(?=[ \u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r"])/gu;

/** A cell's text as the CSV holds it, before quoting: no piece of it can read as a formula. */
export function csvCellText(value: string): string {
  return neutraliseFormula(value).replace(formulaAfterSeparator, "$1'");
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = csvCellText(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
