import "server-only";
import type { ComponentProps } from "react";
import { ListPage } from "@/components/data-table/list-page";
import { AdminOnly } from "@/components/ui/admin-only";
import { requireUser, type Staff } from "@/lib/auth/session";
import type { DashboardList } from "@/lib/dashboard/list";
import type { ParsedSearch, RawSearchParams } from "@/lib/dashboard/search-params";

/** What Next.js hands a list page. */
interface ListPageProps {
  searchParams: Promise<RawSearchParams>;
}

/** What a page adds to its list: the pieces ListPage places, and its rows (`children`). */
type ListPageParts = Omit<ComponentProps<typeof ListPage>, "list" | "search">;

/**
 * A list page's default export: who is signed in (or off to sign in; a viewer on an admin-only
 * list sees why there is nothing), its URL through the list's one parser, and the ListPage drawn
 * from the list and what `parts` adds.
 */
export function listPage<Filters>(
  list: DashboardList<Filters>,
  parts: (opened: { staff: Staff; search: ParsedSearch<Filters> }) => ListPageParts,
) {
  // Called once, at the top of the page's module: each page is one component for good.
  return async ({ searchParams }: ListPageProps) => {
    const staff = await requireUser();
    const search = list.parse(await searchParams);
    if (list.adminOnly && staff.role !== "admin") return <AdminOnly title={list.title} />;
    return <ListPage list={list} search={search} {...parts({ staff, search })} />;
  };
}
