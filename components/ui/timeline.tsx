import type { ReactNode } from "react";
import { formatKst } from "@/lib/kst";

// A line of time down the left edge (a merchant's review history and memos, a bill's 대사 history):
// each entry a coloured dot, what happened, when (KST), and any longer text beneath.

export function Timeline({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ol className="relative ml-2 border-l border-slate-200" aria-label={label}>
      {children}
    </ol>
  );
}

export function TimelineItem({
  dot,
  at,
  children,
  detail,
  testId,
}: {
  /** The dot's colour (a Tailwind background class). */
  dot: string;
  at: Date;
  children: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <li className="mb-4 ml-4 last:mb-0" data-testid={testId}>
      <span className={`absolute -left-1.5 mt-1.5 size-3 rounded-full border-2 border-white ${dot}`} />
      {children}
      <time className="mt-1 block text-xs whitespace-nowrap text-slate-500 tabular-nums">{formatKst(at)} KST</time>
      {detail}
    </li>
  );
}
