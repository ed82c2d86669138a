import Link from "next/link";

// Plain links (they work without JavaScript). Keyset pagination moves one page at a time from
// the rows on screen, so there is "first", "previous" and "next" but no jump to page 40.
export function Pagination({
  page,
  firstHref,
  prevHref,
  nextHref,
}: {
  page: number;
  firstHref: string | null;
  prevHref: string | null;
  nextHref: string | null;
}) {
  // A single page needs no navigation.
  if (!firstHref && !prevHref && !nextHref) return null;
  const linkClass =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100";
  const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300";
  const item = (label: string, href: string | null, rel?: string) =>
    href ? (
      <Link href={href} rel={rel} className={linkClass}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={disabledClass}>
        {label}
      </span>
    );
  return (
    <nav aria-label="페이지 이동" className="mt-4 flex flex-wrap items-center justify-between gap-2">
      <span className="text-sm text-slate-600">{page.toLocaleString("ko-KR")} 페이지</span>
      <div className="flex gap-2">
        {item("처음", firstHref)}
        {item("‹ 이전", prevHref, "prev")}
        {item("다음 ›", nextHref, "next")}
      </div>
    </nav>
  );
}

/** The three links for a keyset page, keeping the filters in `query` (`?a=1` or ""). */
export function paginationHrefs(
  path: string,
  query: string,
  page: number,
  cursors: { nextCursor: string | null; prevCursor: string | null },
) {
  const withCursor = (key: "after" | "before", cursor: string, target: number) => {
    const params = new URLSearchParams(query);
    params.set(key, cursor);
    params.set("page", String(target));
    return `${path}?${params.toString()}`;
  };
  return {
    page,
    firstHref: page > 1 || cursors.prevCursor ? `${path}${query}` : null,
    prevHref: cursors.prevCursor
      ? page - 1 <= 1
        ? `${path}${query}`
        : withCursor("before", cursors.prevCursor, page - 1)
      : null,
    nextHref: cursors.nextCursor ? withCursor("after", cursors.nextCursor, page + 1) : null,
  };
}
