import "server-only";
import { requireUser } from "@/lib/auth/session";
import type { ParsedSearch, RawSearchParams } from "@/lib/dashboard/search-params";

/** What Next.js hands a list page. */
export interface ListPageProps {
  searchParams: Promise<RawSearchParams>;
}

/** A list page's first step: who is signed in (or off to sign in), and its URL through its one parser. */
export async function openListPage<Filters>(
  { searchParams }: ListPageProps,
  parse: (raw: RawSearchParams) => ParsedSearch<Filters>,
) {
  const staff = await requireUser();
  return { staff, search: parse(await searchParams) };
}
