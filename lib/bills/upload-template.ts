import type { ExportColumn } from "@/lib/export/columns";
import { csvFormat } from "@/lib/export/csv-format";
import { fixedSheet, xlsxFormat } from "@/lib/export/xlsx-format";
import { type BillUploadColumn, billUploadColumns } from "./upload-columns";
import type { BillUploadKind } from "./upload-read";

// The empty form staff fill in to upload bills: the header row of upload-columns.ts (the amount a
// number, everything else text, so codes keep their leading zeros in Excel), and in the workbook a
// second sheet that says what goes in each column. The reader reads only the first sheet.

const templateColumns: ExportColumn<never>[] = billUploadColumns.map((column) =>
  column.field === "price"
    ? { header: column.header, kind: "won", width: column.width, value: () => null }
    : { header: column.header, kind: "text", width: column.width, value: () => null },
);

const guideColumns: ExportColumn<BillUploadColumn>[] = [
  { header: "열 제목", kind: "text", width: 26, value: (column) => column.header },
  { header: "필수", kind: "text", width: 8, value: (column) => (column.required ? "필수" : "선택") },
  { header: "작성 방법", kind: "text", width: 70, value: (column) => column.hint },
];

export const billTemplateFileName = { xlsx: "bills-template.xlsx", csv: "bills-template.csv" } as const;

export async function billTemplate(kind: BillUploadKind): Promise<{ bytes: Uint8Array; contentType: string }> {
  const format =
    kind === "xlsx"
      ? xlsxFormat("청구서", templateColumns, undefined, {
          after: [fixedSheet("작성 방법", guideColumns, billUploadColumns)],
        })
      : csvFormat(templateColumns);
  const writer = format.open();
  const parts = [await writer.write([]), await writer.finish()];
  return { bytes: Buffer.concat(parts), contentType: format.contentType };
}
