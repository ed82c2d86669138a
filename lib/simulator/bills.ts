import type { FakeBillInstruction } from "@/lib/fake-payssam/control";
import { addDays, formatKstDate, HOUR_MS } from "@/lib/kst";
import { parseApprovalCallback, toV2ApprovalKeys } from "@/lib/payssam/approval";
import { billIdBusinessNumber, generateBillId } from "./approval";
import { authMappingPayload, type SimulatedMerchant } from "./auth-mapping";
import type { DeliverySequence } from "./plan";
import type { Random } from "./random";

// The two records beside a simulated run's callbacks: the partner's bills (POST /api/bills) and
// PaySsam's own record of each payment (a fake PaySsam's /control/bills). Some payments are left
// without their callbacks, as when all 24 deliveries failed, so a reconciliation pass finds them
// as 콜백 누락; some PaySsam records for another amount (불일치); and some bills are issued and
// never paid (미결제).

/** A bill as the partner's systems register it: the body of POST /api/bills holds a list of these. */
export interface PartnerBill {
  billId: string;
  memberId: string;
  merchantId: string;
  price: number;
  issuedAt: string;
  expireDate: string;
  orderRef: string;
  productName: string;
}

export interface BillsPlanOptions {
  /** The merchants the approvals were paid to (approvalRun's billers). */
  billers: readonly SimulatedMerchant[];
  /** Share of paid bills whose callbacks are never sent. */
  withholdRate: number;
  /** Share of paid bills PaySsam records for a different amount than the callback says. */
  mismatchRate: number;
  /** Further bills issued and not paid. */
  unpaid: number;
  now: Date;
}

export interface BillsPlan {
  partnerBills: PartnerBill[];
  payssamBills: FakeBillInstruction[];
  /** Each biller's auth-mapping callback saying it opened (O), so its merchant page exists. */
  billerSequences: DeliverySequence[];
  /** The approval deliveries to send: the withheld payments' are left out. */
  sequences: DeliverySequence[];
  counts: { paid: number; withheld: number; mismatched: number; unpaid: number };
}

const productNames = ["3월 수강료", "정기 진료비", "관리비", "월 회비", "교재비", "상담료"];
const payableDays = 7;

export function billsPlan(random: Random, approvals: DeliverySequence[], options: BillsPlanOptions): BillsPlan {
  const byBusinessNumber = new Map(options.billers.map((biller) => [biller.businessNumber, biller]));
  const plan: BillsPlan = {
    partnerBills: [],
    payssamBills: [],
    billerSequences: options.billers.map((biller) => [
      { endpoint: "auth-mapping", body: JSON.stringify(authMappingPayload(biller, "O", null)), expected: "accepted" },
    ]),
    sequences: [],
    counts: { paid: 0, withheld: 0, mismatched: 0, unpaid: 0 },
  };
  const partnerBill = (billId: string, biller: SimulatedMerchant, price: number, issuedAt: Date): PartnerBill => ({
    billId,
    memberId: biller.memberId,
    merchantId: biller.merchantId,
    price,
    issuedAt: issuedAt.toISOString(),
    expireDate: formatKstDate(addDays(issuedAt, payableDays)),
    orderRef: `SIM-${billId.slice(-8)}`,
    productName: random.pick(productNames),
  });

  for (const sequence of approvals) {
    const approval = sentApproval(sequence);
    const biller = byBusinessNumber.get(billIdBusinessNumber(approval.billId) ?? "");
    if (!biller) throw new Error(`billsPlan: ${approval.billId} was not paid to one of the billers given`);
    const price = approval.apprPrice ?? 0;
    const issuedAt = new Date(approval.apprDt.getTime() - random.int(10, 48 * 60) * 60_000);
    plan.partnerBills.push(partnerBill(approval.billId, biller, price, issuedAt));
    const roll = random.next();
    const withheld = roll < options.withholdRate;
    const mismatched = !withheld && roll < options.withholdRate + options.mismatchRate;
    plan.payssamBills.push({
      billId: approval.billId,
      apprState: approval.apprState,
      apprPrice: mismatched ? price + 1000 : price,
      apprNum: approval.apprNum ?? undefined,
      apprDt: approval.apprDt.toISOString(),
      apprPayType: approval.apprPayType ?? undefined,
      apprIssuer: approval.apprIssuer ?? undefined,
      // PaySsam's read carries the whole approval (without the partner's apiKey), so a recovered
      // approval is complete: card, cash receipt, healthcare fields.
      approval: approval.fields,
    });
    plan.counts.paid++;
    if (withheld) plan.counts.withheld++;
    else plan.sequences.push(sequence);
    if (mismatched) plan.counts.mismatched++;
  }

  for (let index = 0; index < options.unpaid; index++) {
    const biller = random.pick(options.billers);
    const billId = generateBillId(random, biller.businessNumber);
    const issuedAt = new Date(options.now.getTime() - random.int(1, 48) * HOUR_MS);
    plan.partnerBills.push(partnerBill(billId, biller, 10_000 * random.int(1, 30), issuedAt));
    plan.payssamBills.push({ billId, apprState: "W" });
    plan.counts.unpaid++;
  }
  return plan;
}

/** The approval a sequence delivers, read as the receiver reads it (v1 or v2), and its fields. */
function sentApproval(sequence: DeliverySequence) {
  const { apiKey: _apiKey, ...fields } = toV2ApprovalKeys(JSON.parse(sequence[0].body) as Record<string, unknown>);
  const parsed = parseApprovalCallback(fields);
  if (!parsed.success) throw new Error(`billsPlan: a planned approval does not parse: ${parsed.error.message}`);
  return { ...parsed.data, fields };
}
