import type { ExportColumn } from "./columns";
import type { ExportFormat } from "./format";
import { packageParts, worksheetPath } from "./xlsx-package";
import { excelRowsPerSheet, sheetXml } from "./xlsx-sheet";
import { type ZipEntry, zipWriter } from "./zip-writer";

// The Excel file: sheet XML written as text a batch at a time into a zip that deflates as it goes
// and waits for zlib before taking the next batch, so memory holds about one batch whatever the
// number of rows. Past Excel's 1,048,576 rows a sheet, the rows go on in "<name> (2)", and so on.
// Small sheets known before the rows (a summary, a guide) can go before or after the streamed one.

/** A whole sheet, written at once: for a few rows known in advance. */
export interface FixedSheet {
  name: string;
  xml: string;
}

export function fixedSheet<Row>(name: string, columns: readonly ExportColumn<Row>[], rows: readonly Row[]): FixedSheet {
  const sheet = sheetXml(columns);
  return { name, xml: sheet.head + sheet.rows(rows, 2) + sheet.tail };
}

export function xlsxFormat<Row>(
  sheetName: string,
  columns: readonly ExportColumn<Row>[],
  rowsPerSheet = excelRowsPerSheet,
  fixed: { before?: readonly FixedSheet[]; after?: readonly FixedSheet[] } = {},
): ExportFormat<Row> {
  const sheet = sheetXml(columns);
  return {
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    open() {
      // Level 4: XML this repetitive compresses within a few per cent of level 6 at much less CPU.
      const zip = zipWriter({ level: 4 });
      const sheetNames: string[] = [];
      let streamedSheets = 0;
      let current: ZipEntry | null = null;
      let rowsInSheet = 0;

      async function writeFixed(sheets: readonly FixedSheet[]) {
        for (const { name, xml } of sheets) {
          sheetNames.push(name);
          const entry = zip.entry(worksheetPath(sheetNames.length));
          await entry.write(Buffer.from(xml));
          await entry.end();
        }
      }

      async function startSheet(): Promise<ZipEntry> {
        if (sheetNames.length === 0) await writeFixed(fixed.before ?? []);
        streamedSheets += 1;
        sheetNames.push(streamedSheets === 1 ? sheetName : `${sheetName} (${streamedSheets})`);
        const entry = zip.entry(worksheetPath(sheetNames.length));
        await entry.write(Buffer.from(sheet.head));
        current = entry;
        rowsInSheet = 0;
        return entry;
      }

      async function endSheet(entry: ZipEntry) {
        await entry.write(Buffer.from(sheet.tail));
        await entry.end();
        current = null;
      }

      return {
        async write(rows) {
          let start = 0;
          while (start < rows.length) {
            let entry = current ?? (await startSheet());
            if (rowsInSheet === rowsPerSheet) {
              await endSheet(entry);
              entry = await startSheet();
            }
            const end = Math.min(rows.length, start + rowsPerSheet - rowsInSheet);
            await entry.write(Buffer.from(sheet.rows(rows.slice(start, end), rowsInSheet + 2)));
            rowsInSheet += end - start;
            start = end;
          }
          return zip.take();
        },
        async finish() {
          // A file without rows still has its sheet, with the header.
          await endSheet(current ?? (await startSheet()));
          await writeFixed(fixed.after ?? []);
          for (const [path, xml] of packageParts(sheetNames)) {
            const part = zip.entry(path);
            await part.write(Buffer.from(xml));
            await part.end();
          }
          return zip.finish();
        },
        abort() {
          zip.abort();
        },
      };
    },
  };
}
