import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { messageOf } from "@/lib/alerts/facts";
import { type AlertMessage, alertText, webhookBody } from "@/lib/alerts/messages";
import { maxAttempts, retryDelayMs } from "@/lib/alerts/sender";

// The alerts' Korean text, what it never contains, and the boundaries of what builds it.

const now = new Date("2026-11-28T03:00:00Z"); // 12:00 KST
const context = { origin: "https://ops.example.kr", now, secrets: [] };

const review: AlertMessage = {
  kind: "review_status",
  merchantRowId: 42,
  subject: "clinic-member-0042/clinic-bundang",
  companyName: "바른마음의원",
  branchName: "분당",
  reviewStatus: "S",
  reviewMessage: "통장 사본을 보내 주세요.",
};

const refusal: AlertMessage = {
  kind: "refusal",
  callbackKind: "approval",
  subject: "BILL-0001",
  firstRefusedAt: new Date("2026-11-28T02:30:00Z"),
  attempts: 1,
  reason: "할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불",
};

describe("alert text", () => {
  it("names an R/S merchant, its status, message and page", () => {
    expect(alertText(review, context).split("\n")).toEqual([
      "[페이민트] 하위가맹점 서류보완 (S): 바른마음의원 분당",
      "메시지: 통장 사본을 보내 주세요.",
      "가맹점: clinic-member-0042/clinic-bundang",
      "보기: https://ops.example.kr/merchants/42",
    ]);
  });

  it("gives a first refusal's Korean reason and PaySsam's deadline in Korea time", () => {
    expect(alertText(refusal, context)).toBe(
      [
        "[페이민트] 콜백 거부: 결제 승인 BILL-0001",
        "사유: 할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불",
        "PaySsam 재시도 마감: 2026-11-29 11:30:00 KST (23시간 30분 남음), 첫 거부 2026-11-28 11:30:00 KST, 시도 1회",
        "보기: https://ops.example.kr/retry-deadlines",
      ].join("\n"),
    );
  });

  it("warns of the deadline with the time left", () => {
    const late = { ...refusal, kind: "deadline" as const, attempts: 21 };
    const text = alertText(late, { ...context, now: new Date("2026-11-29T00:00:00Z") });
    expect(text.split("\n")[0]).toBe("[페이민트] 재시도 마감 2시간 30분 남음, 아직 해결되지 않음: 결제 승인 BILL-0001");
    expect(text).toContain("시도 21회");
  });

  it("digests wrong-token requests with the hour and the threshold", () => {
    const digest: AlertMessage = {
      kind: "unauthenticated",
      since: new Date("2026-11-28T02:00:00Z"),
      received: 12_345,
      threshold: 100,
    };
    expect(alertText(digest, context).split("\n")).toEqual([
      "[페이민트] 토큰이 없거나 틀린 콜백 요청 12,345건 (2026-11-28 11:00:00 KST부터 1시간, 기준 100건)",
      "콜백 주소가 알려졌거나 PaySsam에 등록한 토큰이 CALLBACK_TOKEN과 다를 수 있습니다.",
      "보기: https://ops.example.kr/callbacks?outcome=unauthorized",
    ]);
  });

  it("links by path when no origin is configured", () => {
    expect(alertText(review, { ...context, origin: null })).toContain("보기: /merchants/42");
  });

  it("cannot ping a channel or add link markup, and cuts a long message", () => {
    const hostile = {
      ...review,
      reviewMessage: `<!channel> @everyone <https://evil.example|여기> ${"가".repeat(5_000)}`,
    };
    const text = alertText(hostile, context);
    expect(text).not.toMatch(/<|>|@everyone/);
    expect(text.length).toBeLessThan(600);
    expect(webhookBody(hostile, context)).toEqual({ text });
  });

  // Issue 18, finding 6: what each chat flavour renders as a link or a mention, from every field.
  const withoutCode = (text: string) => text.replace(/`[^`\n]*`/g, "");
  it.each([
    ["Slack link", "<https://evil.example/phish|click me>"],
    ["Slack mentions", "<!channel> <!here> <@U024BE7LH> <#C024BE7LR>"],
    ["Markdown link (Mattermost, Discord, Slack's newer surfaces)", "[click me](https://evil.example/phish)"],
    ["Markdown image", "![x](https://evil.example/pixel.png)"],
    ["Discord mentions", "@everyone @here <@123456789012345678> <@&123>"],
    ["Mattermost mentions", "@channel @all @here"],
    ["a bare link", "see https://evil.example/phish or www.evil.example"],
    ["a backtick breaking out of code", "`[click](https://evil.example)` x"],
    ["a line break breaking out of code", "ok\n[click](https://evil.example)"],
  ])("shows %s from a callback inert", (_, payload) => {
    for (const field of ["companyName", "branchName", "reviewMessage", "subject"] as const) {
      const text = alertText({ ...review, [field]: payload }, context);
      const outside = withoutCode(text);
      expect(outside, field).not.toMatch(/[<>]|\]\(|@(everyone|here|channel|all)\b|evil\.example/);
      expect(text, field).not.toMatch(/@(everyone|here|channel|all)\b/);
    }
    const refused = alertText({ ...refusal, subject: payload, reason: payload }, context);
    expect(withoutCode(refused)).not.toMatch(/[<>]|\]\(|@(everyone|here|channel|all)\b|evil\.example/);
  });
});

const secretArbitrary = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
  minLength: 16,
  maxLength: 48,
});
const around = fc.string({ maxLength: 40 });

describe("no secret in any alert", () => {
  test.prop([secretArbitrary, secretArbitrary, around, around, fc.nat(4)])(
    "a callback token or API key placed in any field never appears in the text",
    (token, apiKey, before, after, field) => {
      const carrying = (secret: string) => `${before}${secret}${after}`;
      const messages: AlertMessage[] = [
        { ...review, companyName: carrying(token), branchName: carrying(apiKey) },
        { ...review, reviewMessage: carrying(apiKey), subject: carrying(token) },
        { ...refusal, subject: carrying(token), reason: carrying(apiKey) },
        { ...refusal, kind: "deadline", subject: carrying(apiKey), reason: carrying(token) },
        { ...review, reviewMessage: `${carrying(token)} ${carrying(apiKey)}`.repeat(field + 1) },
      ];
      for (const message of messages) {
        const json = JSON.stringify(webhookBody(message, { ...context, secrets: [token, apiKey] }));
        expect(json).not.toContain(token);
        expect(json).not.toContain(apiKey);
      }
    },
  );
});

describe("stored facts", () => {
  test.prop([fc.constantFrom("review_status", "refusal", "deadline", "unauthenticated"), fc.anything()])(
    "become a message or are refused with a schema error, never a half-built alert",
    (kind, facts) => {
      try {
        const message = messageOf({ kind: kind as AlertMessage["kind"], subject: null, merchantId: null, facts });
        expect(typeof alertText(message, context)).toBe("string");
      } catch (error) {
        expect((error as Error).name).toBe("ZodError");
      }
    },
  );
});

describe("retry backoff", () => {
  test.prop([fc.integer({ min: 1, max: 1_000 })])("doubles from 30 s and stays within 30 minutes", (attempts) => {
    const delay = retryDelayMs(attempts);
    expect(delay).toBeGreaterThanOrEqual(30_000);
    expect(delay).toBeLessThanOrEqual(30 * 60_000);
    expect(retryDelayMs(attempts + 1)).toBeGreaterThanOrEqual(delay);
  });

  it("spreads the attempts over about an hour before giving up", () => {
    const waits = Array.from({ length: maxAttempts - 1 }, (_, index) => retryDelayMs(index + 1));
    expect(waits.map((wait) => wait / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1800]);
  });
});
