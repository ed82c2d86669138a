import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import { BadgeWithNote } from "@/components/ui/badges";
import { formatKst } from "@/lib/kst";
import { formatWon } from "@/lib/money";

// Column builders for the list tables: a column says which field it shows, how (a KST time, won,
// a code's badge, an identifier linking to its detail) and where (meta: hidden below a width, its
// place on a phone's card), so a table's columns file lists its columns and nothing else.
// Sorting is off unless a column asks for it: the server sorts, and only by the keys its URL knows.

interface ColumnOptions {
  /** The sort key the URL uses, when it differs from the field's name. */
  id?: string;
  sortable?: boolean;
  className?: string;
  card?: "title" | "aside" | "detail";
}

/** A time in KST on one line; "—" when there is none. */
export function KstTime({ at, className = "" }: { at: Date | null; className?: string }) {
  if (!at) return "—";
  return <span className={`whitespace-nowrap tabular-nums ${className}`.trim()}>{formatKst(at)}</span>;
}

/** The builders for one table's rows (as TanStack's createColumnHelper, with the cells we repeat). */
export function columnsOf<Row>() {
  type Field = keyof Row & string;

  /** One field of the row, drawn by `cell` from its value (and the whole row, for a cell that needs more). */
  function field<Key extends Field>(
    key: Key,
    header: string,
    cell: (value: Row[Key], row: Row) => ReactNode,
    { id, sortable = false, className, card }: ColumnOptions = {},
  ): ColumnDef<Row, Row[Key]> {
    return {
      id: id ?? key,
      accessorFn: (row) => row[key],
      header,
      enableSorting: sortable,
      cell: (info) => cell(info.row.original[key], info.row.original),
      meta: { className, card },
    };
  }

  return {
    field,

    /** A column with no field of its own (several fields in one cell). */
    row: (
      id: string,
      header: string,
      cell: (row: Row) => ReactNode,
      { className, card }: Omit<ColumnOptions, "id" | "sortable"> = {},
    ): ColumnDef<Row, unknown> => ({ id, header, cell: (info) => cell(info.row.original), meta: { className, card } }),

    kstTime: (key: Field, header: string, options?: ColumnOptions) =>
      field(key, header, (at) => <KstTime at={at as Date | null} />, options),

    /** A code's badge, and what qualifies it (`note`, from the row) stacked beneath when there is one. */
    badge: <Key extends Field>(
      key: Key,
      header: string,
      badge: (value: Row[Key]) => ReactNode,
      { note, ...options }: ColumnOptions & { note?: (row: Row) => ReactNode } = {},
    ) =>
      field(
        key,
        header,
        (value, row) => (note ? <BadgeWithNote badge={badge(value)} note={note(row)} /> : badge(value)),
        options,
      ),

    /** Won, right-aligned, on one line. */
    won: (key: Field, header: string, options?: ColumnOptions) =>
      field(key, header, (won) => <span className="whitespace-nowrap tabular-nums">{formatWon(won as number)}</span>, {
        className: "text-right",
        ...options,
      }),

    /** Text, or "—" when the field is empty; `mono` for codes and numbers read character by character. */
    text: (key: Field, header: string, { mono = false, ...options }: ColumnOptions & { mono?: boolean } = {}) =>
      field(
        key,
        header,
        (value) => {
          const text = (value as string | null) ?? "—";
          return mono ? <span className="font-mono text-xs">{text}</span> : text;
        },
        options,
      ),

    /**
     * The row's identifier as the link to its detail, with the row's time beneath it on a phone
     * (where the time column is hidden). `truncate`: one line on a phone's card, cut, the whole
     * value in the title.
     */
    identifierLink: (
      key: Field,
      header: string,
      {
        href,
        time,
        truncate = false,
        ...options
      }: ColumnOptions & { href: (row: Row) => string; time: (row: Row) => Date; truncate?: boolean },
    ) =>
      field(
        key,
        header,
        (value, row) => (
          <>
            <Link
              href={href(row)}
              title={truncate ? String(value) : undefined}
              className={`font-mono font-medium text-blue-700 hover:underline${truncate ? " break-all max-sm:block max-sm:truncate" : ""}`}
            >
              {String(value)}
            </Link>
            <div className="text-xs whitespace-nowrap text-slate-500 tabular-nums sm:hidden">
              {formatKst(time(row))}
            </div>
          </>
        ),
        options,
      ),
  };
}
