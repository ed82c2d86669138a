import { xmlAttribute } from "./xlsx-sheet";

// The parts of an .xlsx around its worksheets (Office Open XML): content types, relationships, the
// workbook's sheet list and the styles the cells refer to. They are written after the sheets, once
// the number of sheets is known; readers find every part through the zip's central directory.

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const spreadsheetMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export function worksheetPath(sheetNumber: number): string {
  return `xl/worksheets/sheet${sheetNumber}.xml`;
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) =>
      `<Override PartName="/${worksheetPath(index + 1)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return (
    `${xmlDeclaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `${sheets}</Types>`
  );
}

const packageRelationships =
  `${xmlDeclaration}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${relationshipTypes}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbookRelationships(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) =>
      `<Relationship Id="rId${index + 1}" Type="${relationshipTypes}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
  ).join("");
  return (
    `${xmlDeclaration}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${relationshipTypes}/styles" Target="styles.xml"/></Relationships>`
  );
}

function workbook(sheetNames: readonly string[]): string {
  const sheets = sheetNames
    .map((name, index) => `<sheet name="${xmlAttribute(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`)
    .join("");
  return (
    `${xmlDeclaration}<workbook xmlns="${spreadsheetMain}" xmlns:r="${relationshipTypes}">` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`
  );
}

// Malgun Gothic (맑은 고딕, charset 129 Hangul) is Korean Excel's own default. The cellXfs order is
// the one xlsx-sheet.ts's style indexes name: default, header, text "@", won "#,##0", KST time, integer.
const font = '<sz val="11"/><name val="맑은 고딕"/><family val="3"/><charset val="129"/>';
const numberStyle = (numFmtId: number) =>
  `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`;
const styles =
  `${xmlDeclaration}<styleSheet xmlns="${spreadsheetMain}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  `<fonts count="2"><font>${font}</font><font><b/>${font}</font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center"/></xf>' +
  `${numberStyle(49)}${numberStyle(3)}${numberStyle(164)}${numberStyle(1)}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Every part but the worksheets, by zip path. */
export function packageParts(sheetNames: readonly string[]): [path: string, xml: string][] {
  return [
    ["[Content_Types].xml", contentTypes(sheetNames.length)],
    ["_rels/.rels", packageRelationships],
    ["xl/workbook.xml", workbook(sheetNames)],
    ["xl/_rels/workbook.xml.rels", workbookRelationships(sheetNames.length)],
    ["xl/styles.xml", styles],
  ];
}
