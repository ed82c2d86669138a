import type { ReactNode } from "react";

export interface Field {
  label: string;
  value: ReactNode;
}

const empty = <span className="text-slate-400">—</span>;

/**
 * Label/value pairs in as many columns as fit at 24rem each (one in a narrow card, two across a
 * wide page). Within a pair the value sits beside its label while it has 14rem to itself, else it
 * wraps below it: a long value never runs into the next label or out of the card.
 */
export function FieldList({ fields }: { fields: Field[] }) {
  return (
    <dl className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,24rem),1fr))] gap-x-8">
      {fields.map((field) => (
        <div key={field.label} className="flex flex-wrap gap-x-4 gap-y-0.5 border-b border-slate-100 py-2.5">
          <dt className="w-40 shrink-0 text-sm text-slate-500">{field.label}</dt>
          {/* Korean wraps between words; only a long unbroken token (a URL) breaks anywhere. */}
          <dd className="min-w-0 flex-1 basis-56 text-sm break-keep wrap-anywhere text-slate-900">
            {field.value === null || field.value === undefined || field.value === "" ? empty : field.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
