import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { acknowledgeInputSchema, memoInputSchema, parseNeedsActionSearch } from "@/lib/dashboard/needs-action";

// The 조치 필요 desk's input boundaries: the page's URL and the two staff actions' forms.

describe("staff inputs", () => {
  test.prop([
    fc.oneof(fc.string({ maxLength: 1100 }), fc.string({ unit: "grapheme", maxLength: 1100 })),
    fc.oneof(fc.integer(), fc.string()),
  ])("a memo is 1–1000 characters of text for a merchant id, or a Korean reason", (body, merchantId) => {
    const parsed = memoInputSchema.safeParse({ merchantId, body });
    if (parsed.success) {
      expect(parsed.data.body).toBe(body.trim());
      expect(parsed.data.body.length).toBeGreaterThan(0);
      expect(parsed.data.body.length).toBeLessThanOrEqual(1000);
      expect(parsed.data.body).not.toContain("\u0000");
      expect(Number.isSafeInteger(parsed.data.merchantId) && parsed.data.merchantId >= 1).toBe(true);
    } else {
      expect(parsed.error.issues[0].message).toMatch(/[\uac00-\ud7a3]/);
    }
  });

  test.prop([
    fc.oneof(
      fc.string(),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    ),
  ])("a 확인 carries a timestamp version, or a Korean reason", (version) => {
    const parsed = acknowledgeInputSchema.safeParse({ merchantId: "12", version });
    if (!parsed.success) expect(parsed.error.issues[0].message).toMatch(/[\uac00-\ud7a3]/);
    else expect(Number.isNaN(Date.parse(parsed.data.version.replace(" ", "T")))).toBe(false);
  });

  test.prop([fc.dictionary(fc.constantFrom("status", "show", "size", "after", "page", "x"), fc.string())])(
    "any /needs-action URL gives a usable filter",
    (raw) => {
      const { filters } = parseNeedsActionSearch(raw);
      expect([undefined, "R", "S"]).toContain(filters.status);
      expect(["all", "open"]).toContain(filters.show);
      expect([10, 25, 50, 100]).toContain(filters.size);
    },
  );
});
