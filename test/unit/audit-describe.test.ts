import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { describeDetails, describeFilterQuery, describeTarget, merchantIdOfTarget } from "@/lib/audit/describe";

const lookups = { merchantNames: new Map([[691, "바른마음의원 · 본점"]]) };

describe("the audit page's words for a row", () => {
  it("reads a merchant's row id from its target", () => {
    expect(merchantIdOfTarget("merchant #691")).toBe(691);
  });

  // A merchant by its company, an export's filter in words, each linking to the page it came from.
  // "?state=D" is how the export route stores it (the link once read "/approvals??state=D").
  it.each([
    ["merchant_acknowledged", "merchant #691", "바른마음의원 · 본점", "/merchants/691"],
    ["merchant_memo_added", "merchant #7", "하위가맹점 #7", "/merchants/7"],
    [
      "approvals_exported",
      "state=D&from=2026-12-01",
      "결제 승인: 상태 파기 · 시작일 2026-12-01",
      "/approvals?state=D&from=2026-12-01",
    ],
    ["approvals_exported", "?state=D", "결제 승인: 상태 파기", "/approvals?state=D"],
    ["approvals_exported", null, "결제 승인: 전체", "/approvals"],
    ["callback_reprocessed", "#4619", "수신 #4619", "/callbacks/4619"],
  ])("describes %s of %s as %s, linking to %s", (action, target, text, href) => {
    expect(describeTarget(action, target, lookups)).toEqual({ text, href });
  });

  it("describes a merchants export's filter in words", () => {
    expect(describeTarget("merchants_exported", "status=R", lookups)?.text).toBe("하위가맹점: 심사 상태 반려");
  });

  it("labels details in Korean", () => {
    expect(describeDetails({ memoId: 12, length: 37 })).toEqual([
      { label: "메모 번호", value: "#12" },
      { label: "글자 수", value: "37자" },
    ]);
    expect(describeDetails({ reviewStatus: "R" })).toEqual([{ label: "그때 심사 상태", value: "반려" }]);
    expect(describeDetails({ seed: "payssam-demo", approvals: 3000 })).toEqual([
      { label: "시드", value: "payssam-demo" },
      { label: "결제 승인", value: "3,000건" },
    ]);
  });

  test.prop([fc.string({ maxLength: 200 })])("describes any stored query string without throwing", (query) => {
    const text = describeFilterQuery(query);
    expect(text.length).toBeGreaterThan(0);
  });
});
