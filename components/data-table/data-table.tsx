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
    /**
     * Its place in a row's card on a phone (below sm): "title" takes the first line's free width
     * (the identifier, one line), "aside" sits at that line's end (outcome, time), "detail" gets a
     * line of its own below. Default "detail".
     */
    card?: "title" | "aside" | "detail";
  }
}

// Below sm the table lays each row out as a card (flex, wrapping) instead of columns, so nothing
// scrolls sideways; the header stays for screen readers, and explicit roles keep the table's
// semantics, which a browser drops from a table whose rows are not display: table-row.
const cardPlace = {
  title: "max-sm:order-1 max-sm:min-w-0 max-sm:flex-1",
  aside: "max-sm:order-2 max-sm:shrink-0 max-sm:text-right",
  detail: "max-sm:order-3 max-sm:basis-full max-sm:min-w-0",
} as const;

// The server has already filtered, sorted and paginated: TanStack only lays out the columns and
// turns header clicks into a sorting change, which the page writes to the URL.
export function DataTable<Row extends { id: number }>({
  columns,
  rows,
  sorting = [],
  onSortingChange,
  caption,
}: {
  columns: ColumnDef<Row, any>[];
  rows: Row[];
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  caption: ReactNode;
}) {
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => String(row.id),
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
    // A table wider than its box (a narrow desktop window) scrolls inside it: focusable, so the
    // keyboard can scroll it too, and named by the table's caption.
    <section
      aria-labelledby={captionId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      {/* biome-ignore lint/a11y/noRedundantRoles: a browser drops the implicit role from a table laid out as cards (display: block/flex on phones) */}
      <table role="table" className="w-full border-collapse text-sm max-sm:block">
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600 max-sm:sr-only">
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
        <tbody className="max-sm:block">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              // biome-ignore lint/a11y/noRedundantRoles: a browser drops the implicit role from a table laid out as cards (display: block/flex on phones)
              role="row"
              className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50 max-sm:flex max-sm:flex-wrap max-sm:items-start max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2.5"
            >
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  // biome-ignore lint/a11y/noRedundantRoles: a browser drops the implicit role from a table laid out as cards (display: block/flex on phones)
                  role="cell"
                  className={`px-3 py-2.5 align-top max-sm:p-0 ${cardPlace[cell.column.columnDef.meta?.card ?? "detail"]} ${cell.column.columnDef.meta?.className ?? ""}`}
                >
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
