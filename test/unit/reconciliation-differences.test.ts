import { describe, expect, it } from "vitest";
import { differencesText } from "@/lib/export/reconciliation-columns";

// The 불일치 reasons as the 대사 list, the bill page and the exports show them: the job stores each
// side as it compared it (whole won, a state code, an ISO instant); staff read won, Korean and KST.

describe("differencesText", () => {
  it("writes won grouped, states in Korean and times in Korea time, one reason a line", () => {
    const text = differencesText({
      differences: [
        { reason: "amount", ours: "138000 (청구 137000)", payssam: "139000" },
        { reason: "state", ours: "F", payssam: "C" },
        { reason: "approval_number", ours: "12345678", payssam: null },
        { reason: "approval_time", ours: "2026-12-07T06:30:00.000Z", payssam: "2026-12-07T06:31:05.000Z" },
      ],
    });
    expect(text?.split("\n")).toEqual([
      "금액: 우리 ₩138,000 (청구 ₩137,000) / PaySsam ₩139,000",
      "상태: 우리 승인 / PaySsam 취소",
      "승인번호: 우리 12345678 / PaySsam 없음",
      "승인 시각: 우리 2026-12-07 15:30:00 / PaySsam 2026-12-07 15:31:05",
    ]);
  });

  it("is nothing without differences, and keeps what it cannot read as it was stored", () => {
    expect(differencesText({ differences: null })).toBeNull();
    expect(differencesText({ differences: [] })).toBeNull();
    expect(differencesText({ differences: [{ reason: "approval_time", ours: "어제", payssam: "X" }] })).toBe(
      "승인 시각: 우리 어제 / PaySsam X",
    );
  });
});
