"use client";

import { type FocusEvent, type ReactNode, useState } from "react";

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
  options: readonly { value: string; label: string }[];
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

interface DayInput {
  id: string;
  label: string;
  /** `yyyy-MM-dd` from the URL, or "". */
  value: string;
}

const inOrder = (start: string, end: string) => !start || !end || start <= end;

/**
 * Two KST days that always read in order. A pair that is momentarily reversed (the year typed a
 * digit at a time passes through 0002, 0020, …) is held here rather than sent to the server; if it
 * is still reversed when the user leaves the pair, the two days swap and one note says so.
 */
export function DateRangeFilter({
  start,
  end,
  onChange,
}: {
  start: DayInput;
  end: DayInput;
  onChange: (start: string, end: string) => void;
}) {
  // A reversed pair from the URL itself (a typed or old link) is shown in order too: the server
  // has already swapped it, with its own note.
  const fromUrl = inOrder(start.value, end.value) ? [start.value, end.value] : [end.value, start.value];
  const [seen, setSeen] = useState(fromUrl.join("~"));
  const [draft, setDraft] = useState(fromUrl);
  const [swapped, setSwapped] = useState(false);
  if (seen !== fromUrl.join("~")) {
    // The URL changed elsewhere (reset, back button): show what it says now.
    setSeen(fromUrl.join("~"));
    setDraft(fromUrl);
  }

  function edit(index: 0 | 1, value: string) {
    const next = index === 0 ? [value, draft[1]] : [draft[0], value];
    setDraft(next);
    setSwapped(false);
    if (inOrder(next[0], next[1])) onChange(next[0], next[1]);
  }

  function leave(event: FocusEvent<HTMLFieldSetElement>) {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    const [first, last] = draft;
    if (inOrder(first, last)) return;
    setDraft([last, first]);
    setSwapped(true);
    onChange(last, first);
  }

  const noteId = `${start.id}-${end.id}-note`;
  return (
    // min-w-0: a fieldset is otherwise at least as wide as its content, which can push a phone sideways.
    <fieldset className="col-span-2 grid min-w-0 grid-cols-2 gap-x-3 gap-y-1" onBlur={leave}>
      {([start, end] as const).map((day, index) => (
        <FilterField key={day.id} label={day.label} htmlFor={day.id}>
          <input
            id={day.id}
            type="date"
            value={draft[index]}
            aria-describedby={swapped ? noteId : undefined}
            onChange={(event) => edit(index as 0 | 1, event.target.value)}
            className={controlClass}
          />
        </FilterField>
      ))}
      <p id={noteId} aria-live="polite" className="col-span-2 text-xs text-amber-800">
        {swapped ? "시작일이 종료일보다 늦어 두 날짜를 바꿨습니다." : ""}
      </p>
    </fieldset>
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
