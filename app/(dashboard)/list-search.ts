import "server-only";
import { requireUser } from "@/lib/auth/session";
import type { DashboardList } from "@/lib/dashboard/list";
import type { RawSearchParams } from "@/lib/dashboard/search-params";

/** What Next.js hands a list page. */
export interface ListPageProps {
  searchParams: Promise<RawSearchParams>;
}

/** A list page's first step: who is signed in (or off to sign in), and its URL through its one parser. */
export async function openListPage<Filters>(
  { searchParams }: ListPageProps,
  list: Pick<DashboardList<Filters>, "parse">,
) {
  const staff = await requireUser();
  return { staff, search: list.parse(await searchParams) };
}
