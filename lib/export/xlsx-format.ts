import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import ExcelJS from "exceljs";
import { neutraliseFormula } from "@/lib/dashboard/csv";
import { kstWallClock } from "@/lib/kst";
import type { ExportCellKind, ExportColumn } from "./columns";
import type { ExportFormat } from "./format";

// The Excel file, written with exceljs's streaming writer: each row is committed (turned into
// sheet XML and handed to the zip) as soon as it is added, and the zip's output is taken away
// after every batch, so memory holds about one batch whatever the number of rows. No shared
// strings table (it would keep every distinct string until the end).

const numberFormats: Record<ExportCellKind, string> = {
  // "@" keeps a cell text when someone edits it in Excel, so 03460268 stays 03460268.
  text: "@",
  won: "#,##0",
  // Excel has no time zones: the cell holds the KST wall-clock time (see cellValue).
  kstTime: "yyyy-mm-dd hh:mm:ss",
  integer: "0",
};

function cellValue<Row>(column: ExportColumn<Row>, row: Row): string | number | Date | null {
  switch (column.kind) {
    case "text": {
      const text = column.value(row);
      // The same rule as the CSV: a cell written as text is not a formula in Excel, but it can
      // become one when copied, re-saved as CSV or re-typed, and the two exports should agree.
      return text === null ? null : neutraliseFormula(text);
    }
    case "kstTime": {
      const instant = column.value(row);
      return instant ? kstWallClock(instant) : null;
    }
    default:
      return column.value(row);
  }
}

// exceljs hands the zip each 64 KB of sheet XML without waiting for it (its StreamBuf ignores what
// write() answers), so rows committed faster than deflate takes them queue up in front of the zip:
// 194 MB of XML for 300,000 rows in a tight loop, +233 MB of server memory for a 1,000,000-row
// download. After each batch, wait until that queue is short. (Internal fields: the sheet's stream
// and the entry stream archiver pipes it into; if a version renames them, the backlog reads 0 and
// the writer simply stops waiting.)
const zipBacklogLimitBytes = 4 * 1024 * 1024;

interface QueuedStream {
  _writableState?: { length: number };
  _readableState?: { length: number };
}

function zipBacklogBytes(sheet: ExcelJS.Worksheet): number {
  const pipes = (sheet as unknown as { stream?: { pipes?: QueuedStream[] } }).stream?.pipes ?? [];
  return pipes.reduce(
    (bytes, pipe) => bytes + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0),
    0,
  );
}

function concat(chunks: Buffer[]): Uint8Array {
  const bytes = Buffer.concat(chunks);
  chunks.length = 0;
  return bytes;
}

export function xlsxFormat<Row>(sheetName: string, columns: readonly ExportColumn<Row>[]): ExportFormat<Row> {
  return {
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    open() {
      const output = new PassThrough();
      const ready: Buffer[] = [];
      output.on("data", (chunk: Buffer) => ready.push(chunk));
      const ended = new Promise<void>((resolve, reject) => {
        output.once("end", resolve);
        output.once("error", reject);
      });
      // An aborted file's buffer is destroyed while the zip may still write to it; that error
      // belongs to a download that has already failed.
      ended.catch(() => undefined);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: output,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
      sheet.columns = columns.map((column) => ({
        width: column.width,
        style: { numFmt: numberFormats[column.kind] },
      }));
      const header = sheet.addRow(columns.map((column) => column.header));
      header.font = { bold: true };
      header.alignment = { vertical: "middle" };
      header.commit();

      return {
        async write(rows) {
          for (const row of rows) sheet.addRow(columns.map((column) => cellValue(column, row))).commit();
          while (zipBacklogBytes(sheet) > zipBacklogLimitBytes && !output.destroyed) await sleep(2);
          return concat(ready);
        },
        async finish() {
          sheet.commit();
          await workbook.commit();
          await ended;
          return concat(ready);
        },
        abort() {
          output.destroy();
        },
      };
    },
  };
}
