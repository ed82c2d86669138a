import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { cursorYears, decodeCursor, encodeCursor } from "@/lib/dashboard/cursor";

// Keyset cursors come from the URL: only values PostgreSQL will take back get through.

const encode = (value: unknown, id: unknown) =>
  btoa(JSON.stringify([value, id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");

describe("decodeCursor", () => {
  it("round-trips what the lists make", () => {
    for (const cursor of [
      { value: "2026-11-26 03:00:00.123456+00", id: 7 },
      { value: "2026-11-26 12:00:00+09", id: 1 },
      { value: "1999-02-28 23:59:59-05:30", id: 9_007_199_254_740_991 },
      { value: 12000, id: 3 },
    ]) {
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }
  });

  it.each([
    ["year 0000", "0000-01-01 00:00:00+00"],
    ["year 1899", "1899-12-31 23:59:59+00"],
    ["offset +20", "2026-11-26 03:00:00+20"],
    ["offset -15", "2026-11-26 03:00:00-15"],
    ["offset minutes 75", "2026-11-26 03:00:00+09:75"],
    ["30 February", "2026-02-30 00:00:00+00"],
    ["hour 24", "2026-11-26 24:00:00+00"],
    ["minute 60", "2026-11-26 23:60:00+00"],
    ["month 13", "2026-13-01 00:00:00+00"],
    ["ISO with T", "2026-11-26T03:00:00+00"],
    ["NUL", "2026-11-26 03:00:00+00\u0000"],
  ])("refuses a timestamp with %s", (_what, value) => {
    expect(decodeCursor(encode(value, 1))).toBeNull();
  });

  it.each([
    ["a negative amount", -1, 1],
    ["a fractional amount", 1.5, 1],
    ["an unsafe amount", 2 ** 60, 1],
    ["id 0", 100, 0],
    ["a string id", 100, "1"],
    ["an object", { a: 1 }, 1],
  ])("refuses %s", (_what, value, id) => {
    expect(decodeCursor(encode(value, id))).toBeNull();
  });

  it("refuses what is not a cursor at all", () => {
    for (const text of ["", "%%%", "bnVsbA", "W10", "x".repeat(500), encode("2026-11-26 03:00:00+00", 1).repeat(3)]) {
      expect(decodeCursor(text), text).toBeNull();
    }
  });

  test.prop([fc.string({ maxLength: 120 })])("never throws, and what it accepts is in range", (text) => {
    const cursor = decodeCursor(text);
    if (!cursor) return;
    expect(Number.isSafeInteger(cursor.id) && cursor.id >= 1).toBe(true);
    if (typeof cursor.value === "number") expect(Number.isSafeInteger(cursor.value) && cursor.value >= 0).toBe(true);
    else {
      const year = Number(cursor.value.slice(0, 4));
      expect(year >= cursorYears.min && year <= cursorYears.max).toBe(true);
    }
  });

  test.prop([
    fc.date({ min: new Date("1900-01-02T00:00:00Z"), max: new Date("9999-12-30T00:00:00Z"), noInvalidDate: true }),
    fc.integer({ min: -12, max: 14 }),
    fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  ])("accepts any real timestamp in PostgreSQL's text form", (date, offset, id) => {
    const shifted = new Date(date.getTime() + offset * 3_600_000);
    const text = `${shifted.toISOString().slice(0, 19).replace("T", " ")}${offset < 0 ? "-" : "+"}${String(Math.abs(offset)).padStart(2, "0")}`;
    expect(decodeCursor(encodeCursor({ value: text, id }))).toEqual({ value: text, id });
  });
});
