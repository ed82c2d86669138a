"use client";

import type { ColumnSort, SortingState, Updater } from "@tanstack/react-table";
import { debounce, parseAsString, useQueryStates } from "nuqs";
import { useMemo, useTransition } from "react";
import { pagePositionKeys } from "@/lib/dashboard/search-params";

/**
 * The page's filter keys as URL state (nuqs). Every change goes back to the first page and
 * re-renders the server component, which parses the URL with the page's search-params.ts
 * (so the browser never decides what a valid filter is). `isPending` is true until it has.
 */
export function useUrlFilters<const Key extends string>(keys: readonly Key[]) {
  const parsers = useMemo(
    () => Object.fromEntries([...keys, ...pagePositionKeys].map((key) => [key, parseAsString])),
    [keys],
  ) as Record<Key | (typeof pagePositionKeys)[number], typeof parseAsString>;
  const [isPending, startTransition] = useTransition();
  const [values, setValues] = useQueryStates(parsers, { shallow: false, history: "push", startTransition });

  function setFilters(patch: Partial<Record<Key, string | null>>, options: { typing?: boolean } = {}) {
    const cleaned = Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value ? value : null]));
    const firstPage = Object.fromEntries(pagePositionKeys.map((key) => [key, null]));
    void setValues(
      { ...cleaned, ...firstPage } as Parameters<typeof setValues>[0],
      // Typing writes the URL (and queries the server) once the user pauses, not per key.
      options.typing ? { limitUrlUpdates: debounce(350), history: "replace" } : undefined,
    );
  }

  function clearFilters() {
    void setValues(
      Object.fromEntries(Object.keys(parsers).map((key) => [key, null])) as Parameters<typeof setValues>[0],
    );
  }

  return { values: values as Record<Key, string | null>, setFilters, clearFilters, isPending };
}

const sortKeys = ["sort"] as const;

/**
 * A table's sorting as the URL's `sort` holds it (the server sorts), and header clicks written
 * back: `toParam` turns the column and direction chosen into the value the page's parser reads
 * (null for the default). Spread into DataTable.
 */
export function useUrlSorting(sorting: SortingState, toParam: (next: ColumnSort) => string | null) {
  const { setFilters } = useUrlFilters(sortKeys);
  function onSortingChange(updater: Updater<SortingState>) {
    const [next] = typeof updater === "function" ? updater(sorting) : updater;
    if (next) setFilters({ sort: toParam(next) });
  }
  return { sorting, onSortingChange };
}
