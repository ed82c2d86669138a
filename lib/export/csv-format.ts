import { csvBom, csvLine } from "@/lib/dashboard/csv";
import { formatKst } from "@/lib/kst";
import type { ExportColumn } from "./columns";
import type { ExportFormat } from "./format";

// The CSV file: UTF-8 with a byte-order mark for Excel, one line per row, KST times as text.

const encoder = new TextEncoder();

function csvValue<Row>(column: ExportColumn<Row>, row: Row): string | number | null {
  if (column.kind === "kstTime") {
    const instant = column.value(row);
    return instant ? formatKst(instant) : null;
  }
  return column.value(row);
}

export function csvFormat<Row>(columns: readonly ExportColumn<Row>[]): ExportFormat<Row> {
  return {
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
    open() {
      let header = csvBom + csvLine(columns.map((column) => column.header));
      return {
        async write(rows) {
          const lines = rows.map((row) => csvLine(columns.map((column) => csvValue(column, row))));
          const text = header + lines.join("");
          header = "";
          return encoder.encode(text);
        },
        async finish() {
          return encoder.encode(header);
        },
        abort() {},
      };
    },
  };
}
