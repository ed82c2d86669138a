import { mkdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { viewportAt, widths } from "./support/viewports";

// Test data goes in through the real callback endpoints, with ids unique to each test, so the
// tests can run in any order and in parallel against one server.

export const e2eCallbackToken = "e2e-callback-token-not-a-secret";

let counter = 0;

/** Letters and digits only, at most `length` characters (billId allows 20). */
export function uniqueId(prefix: string, length = 20): string {
  counter += 1;
  const stamp = `${Date.now().toString(36)}${process.pid.toString(36)}${counter.toString(36)}`.toUpperCase();
  return `${prefix}${stamp}`.slice(0, length);
}

export async function postCallback(
  request: APIRequestContext,
  endpoint: "approval" | "auth-mapping",
  body: unknown,
  expectedStatus = 200,
) {
  const response = await request.post(`/api/callbacks/${endpoint}?token=${e2eCallbackToken}`, {
    // A string is the raw body, sent as its bytes (Playwright would send a string as a JSON string).
    data: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
    headers: { "content-type": "application/json" },
  });
  expect(response.status(), await response.text()).toBe(expectedStatus);
  return response.json();
}

interface MerchantFields {
  memberId: string;
  merchantId: string;
  companyName: string;
  branchName?: string;
  businessNumber?: string;
  reviewStatus: string;
  reviewMessage?: string | null;
  isDeleted?: "Y" | "N";
}

export function merchantCallback(fields: MerchantFields) {
  return {
    memberId: fields.memberId,
    merchantId: fields.merchantId,
    member: { id: `PM${fields.memberId.slice(-8)}` },
    merchant: {
      companyName: fields.companyName,
      branchName: fields.branchName ?? "본점",
      businessNumber: fields.businessNumber ?? "220-81-62517",
      reviewStatus: fields.reviewStatus,
      reviewMessage: fields.reviewMessage ?? null,
      isDeleted: fields.isDeleted ?? "N",
    },
  };
}

/** A merchant's 인증 매핑 callback, its merchantId "0001" unless given. */
export function postMerchant(
  request: APIRequestContext,
  fields: Omit<MerchantFields, "merchantId"> & { merchantId?: string },
) {
  return postCallback(request, "auth-mapping", merchantCallback({ merchantId: "0001", ...fields }));
}

/** `yyyyMMddHHmmss` in Korea time, `daysAgo` days before now. */
export function kstCompact(daysAgo = 0, hour = 10): string {
  const kst = new Date(Date.now() + 9 * 3600_000 - daysAgo * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${kst.getUTCFullYear()}${pad(kst.getUTCMonth() + 1)}${pad(kst.getUTCDate())}${pad(hour)}0000`;
}

export function kstDate(daysAgo = 0): string {
  const compact = kstCompact(daysAgo);
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

export function approvalCallback(fields: Record<string, unknown> & { billId: string }) {
  return {
    apiKey: "sk_test_0123456789abcdef",
    apprPayType: "CARD_VAN",
    apprCardType: "신용",
    apprDt: kstCompact(0),
    apprPrice: "12340",
    apprIssuer: "신한카드",
    apprIssuerCd: "04",
    apprIssuerNum: "123456******7788",
    apprAcquirerNm: "신한카드",
    apprNum: `N${fields.billId.slice(-8)}`,
    apprResCd: "0000",
    apprMonthly: "00",
    apprState: "F",
    ...fields,
  };
}

/** An approval with an impossible date (month 13): refused with 400 and logged, with `fields` in its body. */
export function postRefusedApproval(request: APIRequestContext, fields: Record<string, unknown> & { billId: string }) {
  return postCallback(request, "approval", approvalCallback({ ...fields, apprDt: "20261301250000" }), 400);
}

const artifacts = path.join(import.meta.dirname, "artifacts");

/**
 * Screenshots at a phone's and a desktop's width, for people to look at. Also fails when the
 * page is wider than the phone: the page itself must never scroll sideways.
 */
export async function screenshots(page: Page, name: string) {
  for (const width of widths) {
    await page.setViewportSize(viewportAt(width));
    await page.waitForLoadState("networkidle");
    await screenshotAt(page, name, width);
  }
}

/** One screenshot of the page as it is, `width` wide; fails when the page scrolls sideways. */
export async function screenshotAt(page: Page, name: string, width: number) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}-${width}.png`), fullPage: true });
}
