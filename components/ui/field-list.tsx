import type { ReactNode } from "react";

export interface Field {
  label: string;
  value: ReactNode;
}

const empty = <span className="text-slate-400">—</span>;

/** Label/value pairs: one column on a phone, two on a wide screen. */
export function FieldList({ fields }: { fields: Field[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 sm:grid-cols-2">
      {fields.map((field) => (
        <div key={field.label} className="flex flex-col gap-0.5 border-b border-slate-100 py-2.5 sm:flex-row sm:gap-4">
          <dt className="shrink-0 text-sm text-slate-500 sm:w-40">{field.label}</dt>
          {/* Korean wraps between words; only a long unbroken token (a billId, a URL) breaks anywhere. */}
          <dd className="min-w-0 text-sm break-keep wrap-anywhere text-slate-900">
            {field.value === null || field.value === undefined || field.value === "" ? empty : field.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
