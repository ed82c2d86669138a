// CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Korean as mojibake), CRLF
// line ends, and text cells that start like a formula prefixed with ' so opening the file
// cannot run anything a callback sender put in a field.

export const csvBom = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
