// What a list page lets staff filter by, described once beside the page's URL schema: the one
// toolbar (components/data-table/filter-toolbar.tsx) renders it, the parser's notes take their
// names from it, and "is anything narrowing the list" and "what folds away on a phone" are read
// from it rather than kept as lists of their own.

export interface FilterOption {
  value: string;
  label: string;
}

interface FieldBase<Key extends string> {
  key: Key;
  /** The short word staff call it, used in the parser's notes ("시작일: …"). */
  name: string;
  /** The control's visible label (also its accessible name). */
  label: string;
  /** On a phone it folds away behind "조건 더 보기" until asked for. */
  folds?: boolean;
  /** Sorting and "how to match" change the order or the reading of another field, not the rows shown. */
  narrows?: false;
  /** Takes two grid columns (long labels, search boxes). */
  wide?: boolean;
}

/** Typed text; the URL is written once the user pauses. */
export interface TextFilterField<Key extends string = string> extends FieldBase<Key> {
  kind: "search" | "text" | "won";
  placeholder?: string;
}

export interface SelectFilterField<Key extends string = string> extends FieldBase<Key> {
  kind: "select";
  options: readonly FilterOption[];
  /** The label of the empty choice ("전체"); without it the first option is the default. */
  all?: string;
}

/** Two KST days, `key` the first and `end.key` the last; a reversed pair is put in order. */
export interface DateRangeFilterField<Key extends string = string> extends FieldBase<Key> {
  kind: "date-range";
  end: { key: Key; name: string; label: string };
}

/** Shown by the page itself (as tabs), not in the toolbar; still named for the notes. */
export interface TabsFilterField<Key extends string = string> extends FieldBase<Key> {
  kind: "tabs";
}

export type FilterField<Key extends string = string> =
  | TextFilterField<Key>
  | SelectFilterField<Key>
  | DateRangeFilterField<Key>
  | TabsFilterField<Key>;

/** The URL keys one field writes. */
export function fieldKeys<Key extends string>(field: FilterField<Key>): Key[] {
  return field.kind === "date-range" ? [field.key, field.end.key] : [field.key];
}

/** Each URL key's short name, for the parser's notes. */
export function fieldNames(fields: readonly FilterField[]): Record<string, string> {
  return Object.fromEntries(
    fields.flatMap((field) =>
      field.kind === "date-range"
        ? [
            [field.key, field.name],
            [field.end.key, field.end.name],
          ]
        : [[field.key, field.name]],
    ),
  );
}

/** The keys that fold away on a phone (their count shows on the "조건 더 보기" button). */
export function foldingKeys<Key extends string>(fields: readonly FilterField<Key>[]): Key[] {
  return fields.filter((field) => field.folds).flatMap(fieldKeys);
}

/** The keys that choose which rows are shown (not sorting, not how another field is read). */
export function narrowingKeys<Key extends string>(fields: readonly FilterField<Key>[]): Key[] {
  return fields.filter((field) => field.narrows !== false).flatMap(fieldKeys);
}

// Hangul and other wide letters take about 13 px at the toolbar's 14 px text, the rest about 7.5.
const wideLetter = /[\p{Script=Hangul}\p{Script=Han}\uFF00-\uFFEF]/u;

/**
 * Whether a select's longest option fits in half a phone's toolbar (about 105 px of text at 375 px
 * beside the arrow); a longer one takes the whole row there, so its label is never cut off.
 */
export function fitsHalfPhoneRow(options: readonly FilterOption[]): boolean {
  const width = (text: string) => [...text].reduce((sum, letter) => sum + (wideLetter.test(letter) ? 13 : 7.5), 0);
  return options.every((option) => width(option.label) <= 100);
}

/** `{ value, label }` options from a code table (codes.ts), optionally "라벨 (CODE)". */
export function optionsFrom(labels: Readonly<Record<string, string>>, options: { withCode?: boolean } = {}) {
  return Object.entries(labels).map(([value, label]) => ({
    value,
    label: options.withCode ? `${label} (${value})` : label,
  }));
}

type FieldExtras = Pick<FieldBase<string>, "folds" | "wide">;

/** A choice among a code table's labels, or none (전체). */
export function codeSelectField<Key extends string>(
  key: Key,
  name: string,
  labels: Readonly<Record<string, string>>,
  extras: FieldExtras & { label?: string } = {},
): SelectFilterField<Key> {
  const { label = name, ...rest } = extras;
  return { key, name, label, kind: "select", all: "전체", options: optionsFrom(labels), ...rest };
}

/** The KST days of a list's date (`day`: 승인일, 발행일), from `from` to `to`. */
export function kstDayRangeField(day: string, extras: FieldExtras = {}): DateRangeFilterField<"from" | "to"> {
  return {
    key: "from",
    name: "시작일",
    label: `${day} 시작 (KST)`,
    kind: "date-range",
    end: { key: "to", name: "종료일", label: `${day} 끝 (KST)` },
    ...extras,
  };
}

/** The merchant's two codes: text boxes, or (`tabs`) set by another page and only named here. */
export function merchantCodeFilterFields(
  kind: "text" | "tabs",
  extras: FieldExtras = {},
): FilterField<"memberId" | "merchantId">[] {
  return [
    { key: "memberId", name: "회원 코드", label: "회원 코드", kind, ...extras },
    { key: "merchantId", name: "가맹점 코드", label: "가맹점 코드", kind, ...extras },
  ];
}

/** The billId search box: a prefix is enough, so it says so. */
export function billIdSearchField(name: string, label: string): TextFilterField<"billId"> {
  return { key: "billId", name, label, kind: "search", placeholder: "앞부분만 입력해도 찾습니다", wide: true };
}
