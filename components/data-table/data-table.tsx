"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type OnChangeFn,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { type ReactNode, useId } from "react";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData, TValue> {
    // Tailwind classes for both th and td: alignment, and hiding a column on narrow screens.
    className?: string;
  }
}

// The server has already filtered, sorted and paginated: TanStack only lays out the columns and
// turns header clicks into a sorting change, which the page writes to the URL.
export function DataTable<Row>({
  columns,
  rows,
  sorting = [],
  onSortingChange,
  caption,
  getRowId,
}: {
  columns: ColumnDef<Row, any>[];
  rows: Row[];
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  caption: ReactNode;
  getRowId: (row: Row) => string;
}) {
  const table = useReactTable({
    data: rows,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
    onSortingChange,
  });

  const captionId = useId();
  return (
    // A table wider than a phone scrolls inside this box: focusable, so the keyboard can scroll it
    // too, and named by the table's caption.
    <section
      aria-labelledby={captionId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      <table className="w-full border-collapse text-sm">
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const className = header.column.columnDef.meta?.className ?? "";
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className={`border-b border-slate-200 px-3 py-2.5 whitespace-nowrap ${className}`}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 hover:text-slate-900"
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true" className={sorted ? "text-slate-900" : "text-slate-300"}>
                          {sorted === "asc" ? "▲" : "▼"}
                        </span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={`px-3 py-2.5 align-top ${cell.column.columnDef.meta?.className ?? ""}`}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
