import type { ExportCellKind } from "./columns";

// The workbook's styles part and the indexes cells refer to it by, from one list: a cell's `s` is
// its position in cellXfs, so the indexes are derived from the order written, not kept beside it.

const kstTimeFormatId = 164;

// Built-in formats 49 "@" (text stays text when edited, so 03460268 keeps its zero), 3 "#,##0"
// and 1 "0"; 164 is the KST date format declared below (Excel has no zones: the cell holds the
// wall clock).
const numberFormatIds: Record<ExportCellKind, number> = { text: 49, won: 3, kstTime: kstTimeFormatId, integer: 1 };
const cellKinds = Object.keys(numberFormatIds) as ExportCellKind[];

// cellXfs: 0 the default, 1 the bold header, then one per cell kind.
export const headerStyle = 1;
export const cellStyles = Object.fromEntries(cellKinds.map((kind, index) => [kind, index + 2])) as Record<
  ExportCellKind,
  number
>;

// Malgun Gothic (맑은 고딕, charset 129 Hangul) is Korean Excel's own default.
const font = '<sz val="11"/><name val="맑은 고딕"/><family val="3"/><charset val="129"/>';
const kindStyles = cellKinds
  .map(
    (kind) =>
      `<xf numFmtId="${numberFormatIds[kind]}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
  )
  .join("");

export const stylesXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<numFmts count="1"><numFmt numFmtId="${kstTimeFormatId}" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>` +
  `<fonts count="2"><font>${font}</font><font><b/>${font}</font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${2 + cellKinds.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center"/></xf>' +
  `${kindStyles}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
