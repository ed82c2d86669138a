"use client";

import type { ReactNode } from "react";

// Labelled inputs for the filter toolbars: every control has a visible label (and so an
// accessible name the e2e tests use).

const controlClass =
  "h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-sm focus:border-slate-500 focus:ring-2 focus:ring-slate-200 focus:outline-none";

export function FilterField({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={htmlFor} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

export function TextFilter({
  id,
  label,
  value,
  onChange,
  placeholder,
  inputMode,
  type = "text",
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  inputMode?: "text" | "numeric" | "search";
  type?: "text" | "search" | "date";
}) {
  return (
    <FilterField label={label} htmlFor={id}>
      <input
        id={id}
        type={type}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        className={controlClass}
      />
    </FilterField>
  );
}

export function SelectFilter({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <FilterField label={label} htmlFor={id}>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={controlClass}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/** Sits in the top-right corner of a `relative` toolbar, taking no room of its own. */
export function PendingIndicator({ pending }: { pending: boolean }) {
  return (
    <span aria-live="polite" className={`absolute top-2 right-3 text-xs text-slate-500 ${pending ? "" : "invisible"}`}>
      불러오는 중…
    </span>
  );
}
