import Link from "next/link";
import type { ReactNode } from "react";
import { formatKst } from "@/lib/kst";
import { PageHeader } from "./page-header";

/**
 * A detail page's top: the way back to its list, its title, and a line about it: plain text, or
 * `facts` (badges, codes, times) laid out in a wrapping row.
 */
export function DetailHeader({
  back,
  title,
  description,
  facts,
}: {
  back: { href: string; label: string };
  title: string;
  description?: string;
  facts?: ReactNode;
}) {
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={back.href} className="text-blue-700 hover:underline">
          {`‹ ${back.label}`}
        </Link>
      </p>
      <PageHeader
        title={title}
        description={facts ? <span className="flex flex-wrap items-center gap-2">{facts}</span> : description}
      />
    </>
  );
}

/**
 * A time as a detail page shows it: KST, said so, on one line. Never null: a field list shows
 * "—" only for a value that is absent, so a missing time is passed to it as null, not as this.
 */
export function KstTimeText({ at }: { at: Date }) {
  return <span className="whitespace-nowrap tabular-nums">{formatKst(at)} KST</span>;
}
