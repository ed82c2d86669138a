// One column of an export, written once and used by every format (CSV and Excel): its Korean
// header, what kind of cell it is, and the value from a row.
//   text    – a string kept as typed: approval, card and business numbers keep their leading zeros;
//   won     – whole won, a number (Excel: #,##0);
//   kstTime – an instant, shown in Korea time (Excel: a date, yyyy-mm-dd hh:mm:ss);
//   integer – any other whole number (row ids).

export type ExportCellKind = "text" | "won" | "kstTime" | "integer";

type CellValue<Kind extends ExportCellKind> = Kind extends "kstTime"
  ? Date | null
  : Kind extends "text"
    ? string | null
    : number | null;

export type ExportColumn<Row> = {
  [Kind in ExportCellKind]: {
    header: string;
    kind: Kind;
    /** Excel column width, in characters. */
    width: number;
    value: (row: Row) => CellValue<Kind>;
  };
}[ExportCellKind];
