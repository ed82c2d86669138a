import { xmlAttribute } from "./xlsx-sheet";
import { stylesXml } from "./xlsx-styles";

// The parts of an .xlsx around its worksheets (Office Open XML): content types, relationships, the
// workbook's sheet list and the styles (xlsx-styles.ts). They are written after the sheets, once
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

/** Every part but the worksheets, by zip path. */
export function packageParts(sheetNames: readonly string[]): [path: string, xml: string][] {
  return [
    ["[Content_Types].xml", contentTypes(sheetNames.length)],
    ["_rels/.rels", packageRelationships],
    ["xl/workbook.xml", workbook(sheetNames)],
    ["xl/_rels/workbook.xml.rels", workbookRelationships(sheetNames.length)],
    ["xl/styles.xml", stylesXml],
  ];
}
