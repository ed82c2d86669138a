import type { z } from "zod";
import type { FilterField } from "./filter-fields";
import { dashboardPages } from "./pages";
import { type ParsedSearch, type RawSearchParams, searchParamsFor } from "./search-params";

// Everything a list page repeats about itself, in one object beside its schema: where it lives,
// its title and description (from the navigation's list, lib/dashboard/pages.ts), its URL parser, its filter
// description, its query string and whether its filters narrow the rows. A page imports this one
// name and hands it to listPage (app/(dashboard)/list-search.tsx).

export interface DashboardList<Filters> {
  href: string;
  title: string;
  description: string;
  /** Only admins may open it (lib/dashboard/pages.ts). */
  adminOnly: boolean;
  fields: readonly FilterField[];
  defaults: Filters;
  parse: (raw: RawSearchParams) => ParsedSearch<Filters>;
  /** The filters as `?a=1` (or ""), without the page position, with `overrides` applied. */
  queryString: (filters: Filters, overrides?: Partial<Filters>) => string;
  /** Whether a field that chooses rows differs from its default (sorting and paging do not). */
  narrows: (filters: Filters) => boolean;
  /** This page with these filters: `href` and the query string. */
  link: (filters: Filters, overrides?: Partial<Filters>) => string;
}

/** The navigation's entry for `href`; a list page missing from the navigation is a mistake caught at start. */
function dashboardPage(href: string) {
  const page = dashboardPages.find((candidate) => candidate.href === href);
  if (!page?.description) throw new Error(`${href} and its description are not in lib/dashboard/pages.ts`);
  return { title: page.label, description: page.description, adminOnly: page.adminOnly };
}

export function dashboardList<Shape extends z.ZodRawShape>(
  href: string,
  schema: z.ZodObject<Shape>,
  fields: readonly FilterField<Extract<keyof Shape, string>>[] = [],
  options: { pagePosition?: readonly string[] } = {},
): DashboardList<z.output<z.ZodObject<Shape>>> {
  const search = searchParamsFor(schema, fields, options);
  return {
    href,
    ...dashboardPage(href),
    ...search,
    link: (filters, overrides) => `${href}${search.queryString(filters, overrides)}`,
  };
}
