import { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import ExcelJS from "exceljs";
import { type BillUploadField, billUploadColumns, fieldOfHeader } from "./upload-columns";

// Reading an uploaded bill file (.xlsx or .csv) into rows of text by bill field, a batch at a
// time. Only the file's shape is judged here (a header row naming the columns, readable cells);
// whether a row is a valid bill is upload-check.ts's job. A file that cannot be read at all is
// refused whole with a Korean reason.

export type BillUploadKind = "xlsx" | "csv";

/** The most rows one upload may hold; larger files are split by the sender. */
export const maxUploadRows = 200_000;

export class BillUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BillUploadError";
  }
}

export interface UploadedRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  values: Partial<Record<BillUploadField, string>>;
  /** What could not be read from a cell, in Korean (the row is refused). */
  problems: string[];
}

export function uploadKindOf(fileName: string): BillUploadKind | null {
  const extension = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === "xlsx" || extension === "csv" ? extension : null;
}

const batchSize = 2_000;
// 1899-12-30, Excel's day 0, is 25,569 days before 1970-01-01.
const excelEpochOffsetDays = 25_569;
const dayMs = 86_400_000;
const dateFields = new Set<BillUploadField>(["issuedAt", "expireDate"]);

const pad = (value: number) => String(value).padStart(2, "0");

// Excel has no zones: a date cell is a wall clock, here Korea's. Its UTC fields are that clock.
function wallClockText(wall: Date, field: BillUploadField): string {
  const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  if (field === "expireDate") return day;
  return `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
}

type CellText = { text: string } | { problem: string } | null;

function numberText(value: number, field: BillUploadField): CellText {
  if (dateFields.has(field)) {
    // A date typed into Excel is stored as a serial day number.
    const wall = new Date(Math.round(((value - excelEpochOffsetDays) * dayMs) / 1000) * 1000);
    return Number.isNaN(wall.getTime()) ? { problem: "날짜로 읽을 수 없습니다" } : { text: wallClockText(wall, field) };
  }
  // A long code typed as a number has lost its last digits (and leading zeros) already.
  if (!Number.isSafeInteger(value) && field !== "price") {
    return { problem: "숫자로 저장되어 자릿수가 바뀌었습니다. 셀 서식을 텍스트로 바꿔 다시 입력하세요" };
  }
  return { text: String(value) };
}

function excelCellText(value: ExcelJS.CellValue, field: BillUploadField): CellText {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return numberText(value, field);
  if (typeof value === "boolean") return { problem: "참/거짓 값은 쓸 수 없습니다" };
  if (value instanceof Date) return { text: wallClockText(value, field) };
  if ("richText" in value) return { text: value.richText.map((part) => part.text).join("") };
  if ("error" in value) return { problem: `셀 오류 ${value.error}` };
  if ("result" in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    return excelCellText(result as ExcelJS.CellValue, field);
  }
  if ("text" in value && typeof value.text === "string") return { text: value.text };
  return { problem: "셀 값을 읽을 수 없습니다" };
}

/** Which bill field each column holds, from the header row; refuses a file missing a required one. */
function columnFields(headers: readonly unknown[]): (BillUploadField | null)[] {
  const fields = headers.map((header) => (typeof header === "string" ? fieldOfHeader(header) : null));
  const seen = new Set<BillUploadField>();
  for (const field of fields) {
    if (!field) continue;
    if (seen.has(field)) {
      const header = billUploadColumns.find((column) => column.field === field)?.header;
      throw new BillUploadError(`'${header}' 열이 두 번 있습니다. 하나만 남겨 주세요.`);
    }
    seen.add(field);
  }
  const missing = billUploadColumns.filter((column) => column.required && !seen.has(column.field));
  if (missing.length > 0) {
    throw new BillUploadError(
      `첫 행에 필요한 열 제목이 없습니다: ${missing.map((column) => column.header).join(", ")}. 양식을 내려받아 첫 행을 확인하세요.`,
    );
  }
  return fields;
}

function tooMany(): BillUploadError {
  return new BillUploadError(
    `한 번에 ${maxUploadRows.toLocaleString("ko-KR")}행까지 올릴 수 있습니다. 파일을 나눠 올려 주세요.`,
  );
}

function toRow(
  rowNumber: number,
  cells: readonly unknown[],
  fields: readonly (BillUploadField | null)[],
  read: (cell: unknown, field: BillUploadField) => CellText,
): UploadedRow | null {
  const values: UploadedRow["values"] = {};
  const problems: string[] = [];
  let empty = true;
  fields.forEach((field, index) => {
    if (!field) return;
    const cell = read(cells[index], field);
    if (cell === null) return;
    if ("problem" in cell) {
      const header = billUploadColumns.find((column) => column.field === field)?.header;
      problems.push(`${header}: ${cell.problem}`);
      empty = false;
      return;
    }
    if (cell.text.trim() !== "") empty = false;
    values[field] = cell.text;
  });
  // Blank rows (a spreadsheet's trailing formatting, an empty line) are not bills.
  return empty ? null : { rowNumber, values, problems };
}

// A zip ends with its central directory's end record (PK\x05\x06), at most 64 KiB of comment
// before the end. exceljs waits forever on bytes that are no zip (an empty file), so it is
// only given something that at least looks like one.
function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    return false;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = buffer.subarray(Math.max(0, buffer.length - 22 - 0xffff));
  return tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) !== -1;
}

const unreadableWorkbook = "엑셀 파일을 읽을 수 없습니다. .xlsx로 다시 저장해 올려 주세요.";

async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<UploadedRow> {
  if (!looksLikeZip(bytes)) throw new BillUploadError(unreadableWorkbook);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    worksheets: "emit",
    styles: "ignore",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let fields: (BillUploadField | null)[] | null = null;
  try {
    // Only the first sheet holds bills: the template's second sheet is its guide.
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is indexed by column number, 1 first.
        const cells = (row.values as unknown[]).slice(1);
        if (!fields) {
          if (cells.every((cell) => cell === null || cell === undefined || cell === "")) continue;
          fields = columnFields(cells.map((cell) => headerText(cell as ExcelJS.CellValue)));
          continue;
        }
        const uploaded = toRow(row.number, cells, fields, (cell, field) =>
          excelCellText(cell as ExcelJS.CellValue, field),
        );
        if (uploaded) yield uploaded;
      }
      break;
    }
  } catch (error) {
    if (error instanceof BillUploadError) throw error;
    throw new BillUploadError(unreadableWorkbook);
  }
  if (!fields) throw new BillUploadError("파일에 내용이 없습니다. 첫 행에 열 제목, 그 아래에 청구서를 적어 주세요.");
}

function headerText(cell: ExcelJS.CellValue): string | null {
  const read = excelCellText(cell, "billId");
  return read && "text" in read ? read.text : null;
}

// Korean Excel saves "CSV (쉼표로 분리)" in CP949 (EUC-KR), others UTF-8: bytes that are not
// UTF-8 are read as CP949 rather than turned into replacement characters.
function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("euc-kr").decode(bytes);
  }
}

async function* csvRows(bytes: Uint8Array): AsyncGenerator<UploadedRow> {
  const parser = Readable.from([decodeCsv(bytes)]).pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true }),
  );
  let fields: (BillUploadField | null)[] | null = null;
  let rowNumber = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!fields) {
        fields = columnFields(record);
        continue;
      }
      rowNumber += 1;
      const uploaded = toRow(rowNumber, record, fields, (cell) => (typeof cell === "string" ? { text: cell } : null));
      if (uploaded) yield uploaded;
    }
  } catch (error) {
    if (error instanceof BillUploadError) throw error;
    const reason = error instanceof Error && "code" in error ? ` (${String(error.code)})` : "";
    throw new BillUploadError(`CSV 파일을 읽을 수 없습니다${reason}. 따옴표가 짝이 맞는지 확인하세요.`);
  }
  if (!fields) throw new BillUploadError("파일에 내용이 없습니다. 첫 행에 열 제목, 그 아래에 청구서를 적어 주세요.");
}

/** The file's bill rows, a batch at a time, in file order. Throws BillUploadError for an unreadable file. */
export async function* readBillUpload(bytes: Uint8Array, kind: BillUploadKind): AsyncGenerator<UploadedRow[]> {
  let batch: UploadedRow[] = [];
  let count = 0;
  for await (const row of kind === "xlsx" ? xlsxRows(bytes) : csvRows(bytes)) {
    if (++count > maxUploadRows) throw tooMany();
    batch.push(row);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
