import Link from "next/link";
import { type ReactNode, Suspense } from "react";
import { DownloadLink } from "@/components/ui/download-link";
import { EmptyState } from "@/components/ui/empty-state";
import { Notices } from "@/components/ui/notices";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import type { DashboardList } from "@/lib/dashboard/list";
import type { ParsedSearch } from "@/lib/dashboard/search-params";
import { FilterToolbar } from "./filter-toolbar";
import { Pagination, paginationHrefs } from "./pagination";

// Every list page has one shape: its header, what the URL parser ignored or put right, the
// toolbar drawn from its filter description, and the rows, loaded inside a Suspense boundary
// keyed by the filters (a filter change shows the skeleton, not the old rows). A page says only
// what differs: its list (lib/dashboard/list.ts: title and filters), its description, the extra
// pieces in their places, and how it loads rows.

export function ListPage({
  list,
  search,
  actions,
  top,
  beforeToolbar,
  beforeResults,
  fallback = <TableSkeleton />,
  children,
}: {
  /** Its words, and the filter description the toolbar draws (a list without one has no toolbar). */
  list: Pick<DashboardList<never>, "title" | "description" | "fields">;
  /** The page's parsed URL (lib/dashboard/*-filters.ts). */
  search: ParsedSearch<unknown>;
  /** Beside the toolbar's fields (downloads). */
  actions?: ReactNode;
  /** Below the header, above the URL notes. */
  top?: ReactNode;
  beforeToolbar?: ReactNode;
  beforeResults?: ReactNode;
  fallback?: ReactNode;
  /** The rows: an async server component given the filters. */
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={list.title} description={list.description} />
      {top}
      <Notices notes={search.notes} corrections={search.corrections} />
      {beforeToolbar}
      {list.fields.length > 0 ? <FilterToolbar fields={list.fields} actions={actions} /> : null}
      {beforeResults}
      <Suspense key={JSON.stringify(search.filters)} fallback={fallback}>
        {children}
      </Suspense>
    </>
  );
}

/** A list's filters as its rows need them: the keyset page (its label and cursors). */
type PagedFilters = { page: number; after?: string; before?: string };

/** A page of rows and the links to the pages around it (each keeps the filters); `empty` when there are none. */
export function PagedRows<Filters extends PagedFilters>({
  list,
  filters,
  result,
  empty,
  children,
}: {
  list: Pick<DashboardList<Filters>, "href" | "queryString">;
  filters: Filters;
  result: { rows: unknown[]; nextCursor: string | null; prevCursor: string | null };
  empty: ReactNode;
  children: ReactNode;
}) {
  if (result.rows.length === 0) return empty;
  return (
    <>
      {children}
      <Pagination {...paginationHrefs(list.href, list.queryString(filters), filters.page, result)} />
    </>
  );
}

/**
 * Why a list is empty: filtered to nothing (`noMatch`, a tip, and the way back to the whole list)
 * or nothing has arrived yet (`title`, and the children say what fills it). Filtered means a
 * field that chooses rows (its list's `narrows`) is set or the page starts past the first row.
 */
export function EmptyList<Filters extends PagedFilters>({
  list,
  filters,
  noMatch,
  tip,
  title,
  children,
}: {
  list: Pick<DashboardList<Filters>, "href" | "narrows">;
  filters: Filters;
  noMatch: string;
  tip?: ReactNode;
  title: string;
  children: ReactNode;
}) {
  const narrowed = list.narrows(filters) || Boolean(filters.after || filters.before);
  if (!narrowed) return <EmptyState title={title}>{children}</EmptyState>;
  return (
    <EmptyState title={noMatch}>
      {tip ? <>{tip} </> : null}
      <Link href={list.href} className="font-medium text-blue-700 hover:underline">
        조건 모두 지우기
      </Link>
    </EmptyState>
  );
}

/** The list as a file, with the filters on screen: CSV beside Excel. */
export function ExportLinks({ csv, xlsx }: { csv: string; xlsx: string }) {
  return (
    <>
      <DownloadLink href={csv} tone="secondary">
        CSV 내보내기
      </DownloadLink>
      <DownloadLink href={xlsx}>엑셀 다운로드</DownloadLink>
    </>
  );
}
