import { neutraliseFormula } from "@/lib/dashboard/csv";
import { DAY_MS, kstWallClock } from "@/lib/kst";
import type { ExportColumn } from "./columns";
import { cellStyles, headerStyle } from "./xlsx-styles";

// A worksheet's XML (SpreadsheetML), written as text a batch of rows at a time: a frozen header,
// column widths, and typed cells. Strings are inline (no shared strings table, which would keep
// every distinct string until the end of the file).

/** Excel's last row is 1,048,576; the header takes one. */
export const excelRowsPerSheet = 1_048_575;

// 1899-12-30, Excel's day 0 (in its 1900 date system), is 25,569 days before 1970-01-01.
const excelEpochOffsetDays = 25_569;

// XML 1.0 cannot hold most C0 controls nor U+FFFE/U+FFFF, and a reader turns a CR into LF; OOXML
// writes such a character as _xHHHH_ (as Excel does), so a literal "_x0041_" in the text must have
// its underscore escaped the same way.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped here
const needsEscape = /[&<>\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/;
const escapable = new RegExp(needsEscape.source, "g");
const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

function escapeCharacter(character: string): string {
  return entities[character] ?? `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
}

/** Text as the content of an XML element in a cell (a lone surrogate becomes U+FFFD). */
function xmlText(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  return needsEscape.test(wellFormed) ? wellFormed.replace(escapable, escapeCharacter) : wellFormed;
}

/** An attribute value: the text's escapes plus the quote. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replaceAll('"', "&quot;");
}

export function columnLetters(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

// Leading or trailing whitespace, or a line break, is dropped by XML readers unless preserved.
function inlineString(reference: string, style: number, text: string): string {
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${reference}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** Excel's serial day number of an instant, shown as Korea's wall clock (Excel has no zones). */
function excelKstSerial(instant: Date): number {
  return kstWallClock(instant).getTime() / DAY_MS + excelEpochOffsetDays;
}

function cell<Row>(column: ExportColumn<Row>, reference: string, row: Row): string {
  const style = cellStyles[column.kind];
  switch (column.kind) {
    case "text": {
      const text = column.value(row);
      // The CSV's rule: a text cell is no formula in Excel, but it can become one when copied,
      // re-saved as CSV or re-typed, and the two exports should agree.
      return text === null ? "" : inlineString(reference, style, neutraliseFormula(text));
    }
    case "kstTime": {
      const instant = column.value(row);
      return instant ? `<c r="${reference}" s="${style}"><v>${excelKstSerial(instant)}</v></c>` : "";
    }
    default: {
      const value = column.value(row);
      return value === null || !Number.isFinite(value) ? "" : `<c r="${reference}" s="${style}"><v>${value}</v></c>`;
    }
  }
}

export interface SheetXml<Row> {
  head: string;
  /** Rows `first`, `first + 1`, … of the sheet (the header is row 1). */
  rows(rows: readonly Row[], first: number): string;
  tail: string;
}

export function sheetXml<Row>(columns: readonly ExportColumn<Row>[]): SheetXml<Row> {
  const letters = columns.map((_, index) => columnLetters(index));
  const widths = columns
    .map(
      (column, index) =>
        `<col min="${index + 1}" max="${index + 1}" width="${column.width}" style="${cellStyles[column.kind]}" customWidth="1"/>`,
    )
    .join("");
  const header = columns
    .map((column, index) => inlineString(`${letters[index]}1`, headerStyle, column.header))
    .join("");
  return {
    head:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="16.5"/><cols>${widths}</cols>` +
      `<sheetData><row r="1">${header}</row>`,
    rows(rows, first) {
      let xml = "";
      for (let index = 0; index < rows.length; index++) {
        const rowNumber = first + index;
        let cells = "";
        for (let column = 0; column < columns.length; column++) {
          cells += cell(columns[column], `${letters[column]}${rowNumber}`, rows[index]);
        }
        xml += `<row r="${rowNumber}">${cells}</row>`;
      }
      return xml;
    },
    tail: "</sheetData></worksheet>",
  };
}
