import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { describeDetails, describeFilterQuery, describeTarget, merchantIdOfTarget } from "@/lib/audit/describe";

const lookups = { merchantNames: new Map([[691, "바른마음의원 · 본점"]]) };

describe("the audit page's words for a row", () => {
  it("names a merchant by its company and links to it", () => {
    expect(merchantIdOfTarget("merchant #691")).toBe(691);
    expect(describeTarget("merchant_acknowledged", "merchant #691", lookups)).toEqual({
      text: "바른마음의원 · 본점",
      href: "/merchants/691",
    });
    expect(describeTarget("merchant_memo_added", "merchant #7", lookups)).toEqual({
      text: "하위가맹점 #7",
      href: "/merchants/7",
    });
  });

  it("describes an export's filter in words and links to the list it came from", () => {
    expect(describeTarget("approvals_exported", "state=D&from=2026-12-01", lookups)).toEqual({
      text: "결제 승인: 상태 파기 · 시작일 2026-12-01",
      href: "/approvals?state=D&from=2026-12-01",
    });
    // As the export route stores it: the query string with its "?" (the link once read "/approvals??state=D").
    expect(describeTarget("approvals_exported", "?state=D", lookups)).toEqual({
      text: "결제 승인: 상태 파기",
      href: "/approvals?state=D",
    });
    expect(describeTarget("merchants_exported", "status=R", lookups)?.text).toBe("하위가맹점: 심사 상태 반려");
    expect(describeTarget("approvals_exported", null, lookups)).toEqual({
      text: "결제 승인: 전체",
      href: "/approvals",
    });
    expect(describeTarget("callback_reprocessed", "#4619", lookups)).toEqual({
      text: "수신 #4619",
      href: "/callbacks/4619",
    });
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
