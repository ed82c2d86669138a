import type { ApprovalState } from "@/db/schema";
import { HOUR_MS, kstMidnight, toKstCompact } from "@/lib/kst";
import { v1ApprovalKeys } from "@/lib/payssam/approval";
import { generateCompany, industries, type SimulatedCompany } from "./korea";
import type { Random } from "./random";
import { signatureJpegBase64 } from "./signature";

// PaySsam's payment approval sync callback (callbackSyncApproval), as PaySsam sends it: every
// field a string, optional ones null or "", times in KST, card numbers already masked.

export type ApprovalPayload = Record<string, unknown>;

interface CardIssuer {
  name: string;
  code: string;
  /** Share of card payments, roughly the Korean market's. */
  weight: number;
  bins: readonly string[];
}

// Codes follow PaySsam's samples (현대 04, 신한 06, KB국민 11); PaySsam publishes no full table.
export const cardIssuers: readonly CardIssuer[] = [
  { name: "신한카드", code: "06", weight: 20, bins: ["451842", "455437", "404678"] },
  { name: "KB국민카드", code: "11", weight: 18, bins: ["943118", "457972", "465887"] },
  { name: "삼성카드", code: "03", weight: 16, bins: ["531070", "949013", "536181"] },
  { name: "현대카드", code: "04", weight: 14, bins: ["433012", "404825", "540926"] },
  { name: "BC카드", code: "01", weight: 10, bins: ["910020", "625804", "944541"] },
  { name: "롯데카드", code: "08", weight: 8, bins: ["467309", "540447"] },
  { name: "하나카드", code: "05", weight: 7, bins: ["457047", "524353"] },
  { name: "NH농협카드", code: "12", weight: 5, bins: ["942150", "546112"] },
  { name: "우리카드", code: "15", weight: 2, bins: ["944603", "515594"] },
];

export const payTypes = ["CARD_VAN", "KEYIN", "OFFLINE_CARD", "OFFLINE_CASH", "CARD_RP"] as const;
export type PayType = (typeof payTypes)[number];

const payTypeMix: readonly (readonly [PayType, number])[] = [
  ["CARD_VAN", 55],
  ["KEYIN", 14],
  ["CARD_RP", 12],
  ["OFFLINE_CARD", 12],
  ["OFFLINE_CASH", 7],
];

// Korean card installments are allowed from 50,000 won; most bills are paid in one go.
const INSTALLMENT_MINIMUM = 50_000;
const installmentMix: readonly (readonly [number, number])[] = [
  [2, 8],
  [3, 10],
  [4, 3],
  [5, 3],
  [6, 4],
  [10, 2],
  [12, 3],
];

export interface ApprovalOptions {
  apiKey: string;
  /** When the payment was approved; Korean business hours are likelier. */
  approvedAt: Date;
  state?: ApprovalState;
  /** The biller; a random one when absent. */
  company?: SimulatedCompany;
  /** Probability of a healthcare (hc-) bill for clinics; other industries never get one. */
  healthcareShare?: number;
  payType?: PayType;
}

/** A bill amount in whole won: many small bills, a long tail of large ones (log-normal). */
export function generateAmount(random: Random, median: number): number {
  const raw = median * Math.exp(0.9 * random.normal());
  const step = random.weighted([
    [1000, 55],
    [100, 35],
    [10, 10],
  ] as const);
  return Math.min(Math.max(Math.round(raw / step) * step, 1000), 9_900_000);
}

/** `2208112341` + 10 characters, the form PaySsam's development environment requires. */
export function generateBillId(random: Random, businessNumber: string): string {
  return random.chance(0.6)
    ? `${businessNumber}${random.pick(["A", "B", "M", "T"])}${random.digits(9)}`
    : `${businessNumber}${random.alphanumeric(10)}`;
}

/** `hc-1078600120-00042`: healthcare bills, which carry the extra hospital fields. */
export function generateHealthcareBillId(random: Random, businessNumber: string): string {
  return `hc-${businessNumber}-${random.digits(5)}`;
}

/** The business number a simulated billId was made from (either form above), or null. */
export function billIdBusinessNumber(billId: string): string | null {
  return /^(?:hc-)?(\d{10})/.exec(billId)?.[1] ?? null;
}

export function generateApiKey(random: Random): string {
  return `sandbox-${Array.from({ length: 23 }, () => "0123456789abcdef"[random.int(0, 15)]).join("")}`;
}

/** An instant on the same KST day as `day`, weighted towards 9:00–21:00 Korea time. */
export function kstBusinessTime(random: Random, day: Date): Date {
  const hour = random.weighted([
    [random.int(0, 7), 3],
    [random.int(8, 11), 30],
    [random.int(12, 17), 45],
    [random.int(18, 21), 18],
    [random.int(22, 23), 4],
  ] as const);
  return new Date(kstMidnight(day).getTime() + hour * HOUR_MS + random.int(0, 3599) * 1000);
}

export function generateApproval(random: Random, options: ApprovalOptions): ApprovalPayload {
  const company = options.company ?? generateCompany(random);
  const healthcare = company.industry === "clinic" && random.chance(options.healthcareShare ?? 0.3);
  const payType = options.payType ?? (healthcare ? "CARD_VAN" : random.weighted(payTypeMix));
  const price = generateAmount(random, industries[company.industry].medianBill);
  const approvedAt = toKstCompact(options.approvedAt);
  const billId = healthcare
    ? generateHealthcareBillId(random, company.businessNumber)
    : generateBillId(random, company.businessNumber);
  const common = {
    apiKey: options.apiKey,
    billId,
    apprPayType: payType,
    apprDt: approvedAt,
    apprOriginDt: approvedAt,
    apprPrice: String(price),
    apprResCd: "0000",
    apprState: options.state ?? "F",
  };

  if (payType === "OFFLINE_CASH") {
    const cashNumber = random.digits(9);
    const business = random.chance(0.2);
    return {
      ...common,
      apprCardType: "정보없음",
      apprIssuer: null,
      apprIssuerCd: null,
      apprIssuerNum: null,
      apprNum: `C${approvedAt.slice(0, 8)}${random.digits(6)}`,
      apprOriginNum: null,
      apprMonthly: "0",
      apprCashNum: cashNumber,
      apprCashTrader: business ? "1" : "0",
      apprCashIssuanceNumber: business ? company.businessNumber : `010****${random.digits(4)}`,
    };
  }

  const issuer = random.weighted(cardIssuers.map((card) => [card, card.weight] as const));
  const cardType = random.weighted([
    ["신용", 68],
    ["체크", 29],
    ["기프트", 1],
    ["정보없음", 2],
  ] as const);
  const installment =
    cardType === "신용" && price >= INSTALLMENT_MINIMUM && payType !== "CARD_RP" && random.chance(0.22)
      ? random.weighted(installmentMix)
      : 0;
  // BC카드 acquires for several issuers, so the acquirer is not always the issuer.
  const acquirer = random.chance(0.12) ? cardIssuers.find((card) => card.code === "01")! : issuer;
  const approvalNumber = random.digits(8);
  // Healthcare bills lose the issuer when PaySsam cannot map the hospital VAN's code.
  const issuerUnmapped = healthcare && random.chance(0.5);
  const card = {
    ...common,
    apprCardType: cardType,
    apprIssuer: issuerUnmapped ? null : issuer.name,
    apprIssuerCd: issuerUnmapped ? null : issuer.code,
    apprIssuerNum: `${random.pick(issuer.bins)}******${random.digits(4)}`,
    apprAcquirerCd: acquirer.code,
    apprAcquirerNm: acquirer.name,
    apprNum: approvalNumber,
    apprOriginNum: approvalNumber,
    apprMonthly: installment === 0 ? random.pick(["0", "00"]) : String(installment),
    apprCashNum: "",
    apprCashTrader: "",
    apprCashIssuanceNumber: "",
  };
  if (!healthcare) return card;
  return {
    ...card,
    apprCardMerchantNum: `00${random.digits(9)}`,
    catId: random.digits(10),
    udItem: {
      patientNo: `P-${approvedAt.slice(0, 8)}-${random.digits(4)}`,
      department: random.pick(["내과", "소아청소년과", "정형외과", "피부과", "이비인후과", "가정의학과", "치과"]),
      visitType: random.weighted([
        ["외래", 85],
        ["재진", 12],
        ["입원", 3],
      ] as const),
    },
    dscTxNum: `TX${approvedAt.slice(0, 8)}${random.digits(7)}`,
    apprSign: signatureJpegBase64,
  };
}

const v2KeyToV1 = Object.fromEntries(Object.entries(v1ApprovalKeys).map(([v1, v2]) => [v2, v1]));

/**
 * The v1 (snake_case) shape older integrations receive. v1 has no healthcare fields, so those
 * are dropped rather than sent under invented names.
 */
export function toV1Approval(payload: ApprovalPayload): ApprovalPayload {
  return Object.fromEntries(
    Object.entries(payload)
      .filter(([key]) => key in v2KeyToV1)
      .map(([key, value]) => [v2KeyToV1[key], value]),
  );
}

export interface FaultyApproval {
  fault: string;
  payload: ApprovalPayload;
}

/** An approval with one mistake of the kind a broken sender makes; the receiver must refuse it. */
export function generateFaultyApproval(random: Random, valid: ApprovalPayload): FaultyApproval {
  const fault = random.pick([
    "apprDt with separators",
    "apprPrice with thousands separators",
    "billId missing",
    "unknown apprState",
    "billId longer than 20 characters",
    "apprMonthly in words",
  ] as const);
  const payload = { ...valid };
  switch (fault) {
    case "apprDt with separators": {
      const dt = String(valid.apprDt);
      payload.apprDt = `${dt.slice(0, 4)}-${dt.slice(4, 6)}-${dt.slice(6, 8)} ${dt.slice(8, 10)}:${dt.slice(10, 12)}:${dt.slice(12)}`;
      break;
    }
    case "apprPrice with thousands separators":
      payload.apprPrice = Number(valid.apprPrice).toLocaleString("ko-KR");
      break;
    case "billId missing":
      delete payload.billId;
      break;
    case "unknown apprState":
      payload.apprState = "X";
      break;
    case "billId longer than 20 characters":
      payload.billId = `${String(valid.billId)}-RETRY${random.digits(3)}`;
      break;
    case "apprMonthly in words":
      payload.apprMonthly = "일시불";
      break;
  }
  return { fault, payload };
}
