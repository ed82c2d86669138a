import { describe, expect, it } from "vitest";
import { formatKst, formatKstDate, kstDayStart, parseKstCompact, toKstCompact } from "@/lib/kst";

describe("Korea time", () => {
  it("reads PaySsam's yyyyMMddHHmmss as UTC+9", () => {
    expect(parseKstCompact("20261124153012")?.toISOString()).toBe("2026-11-24T06:30:12.000Z");
    expect(parseKstCompact("20260101000000")?.toISOString()).toBe("2025-12-31T15:00:00.000Z");
  });

  it.each([
    "20261341250000",
    "20260230120000",
    "20250229000000",
    "20261124240000",
    "20261124126000",
    "2026112415301",
    "2026-11-24",
    "",
  ])("refuses %s", (value) => {
    expect(parseKstCompact(value)).toBeNull();
  });

  it("accepts 29 February in a leap year", () => {
    expect(parseKstCompact("20280229235959")?.toISOString()).toBe("2028-02-29T14:59:59.000Z");
  });

  it("formats in Korea time whatever the server's zone", () => {
    const instant = new Date("2026-11-24T16:30:12Z");
    expect(formatKst(instant)).toBe("2026-11-25 01:30:12");
    expect(formatKstDate(instant)).toBe("2026-11-25");
    expect(toKstCompact(instant)).toBe("20261125013012");
    expect(kstDayStart("2026-11-25")?.toISOString()).toBe("2026-11-24T15:00:00.000Z");
    expect(kstDayStart("2026-02-30")).toBeNull();
  });
});
