import { toKstCompact } from "@/lib/kst";
import {
  controlErrors,
  type fakeBillStates,
  fakeModeControlSchema,
  type fakeModes,
  parseFakeBillsControl,
} from "./control";

// A stand-in for PaySsam's /bill/read with its own state, for the tests, the demo and local runs
// (`npm run fake-payssam`). It can be told that a bill was paid without a callback, paid with a
// different amount than the callback said, and that it should answer errors, garbage, or not at
// all. Served over node:http (server.ts) or, in-process, as a fetch function (no socket).

export type FakeBillState = (typeof fakeBillStates)[number];

/** A bill as the fake's PaySsam has it. */
export interface FakeBill {
  billId: string;
  apprState: FakeBillState;
  apprPrice?: number;
  apprNum?: string;
  apprDt?: Date;
  apprPayType?: string;
  apprIssuer?: string;
  /**
   * The rest of the approval as PaySsam's read returns it (the callback's fields: card, cash
   * receipt, healthcare), under the fields above; without it only those are answered.
   */
  approval?: Record<string, unknown>;
}

/** How the fake answers: normally, or one of the failures a real API shows. */
export type FakeMode = (typeof fakeModes)[number];

export interface FakeOptions {
  /** The API key it accepts; unset: any. */
  apiKey?: string;
  /** What a bill it was never told of reads as: "not_found" (code 9980, the default) or W (unpaid). */
  unknownAs?: "not_found" | "W";
}

export interface FakeAnswer {
  status: number;
  body: string;
  /** Never answer (until the caller gives up). */
  hang?: boolean;
}

export interface FakeStats {
  reads: number;
  firstReadAt: number | null;
  lastReadAt: number | null;
}

const json = (status: number, value: unknown): FakeAnswer => ({ status, body: JSON.stringify(value) });

export class FakePayssam {
  private readonly bills = new Map<string, FakeBill>();
  private readonly modes = new Map<string, FakeMode>();
  private globalMode: FakeMode = "normal";
  private readonly statsState: FakeStats = { reads: 0, firstReadAt: null, lastReadAt: null };

  constructor(private readonly options: FakeOptions = {}) {}

  /** PaySsam now has this bill so (paid without a callback: set F and send nothing). */
  setBill(bill: FakeBill): void {
    this.bills.set(bill.billId, { ...bill });
  }

  getBill(billId: string): FakeBill | undefined {
    return this.bills.get(billId);
  }

  /** How to answer for one bill, or for every bill when billId is omitted. */
  setMode(mode: FakeMode, billId?: string): void {
    if (billId === undefined) this.globalMode = mode;
    else if (mode === "normal") this.modes.delete(billId);
    else this.modes.set(billId, mode);
  }

  reset(): void {
    this.bills.clear();
    this.modes.clear();
    this.globalMode = "normal";
    Object.assign(this.statsState, { reads: 0, firstReadAt: null, lastReadAt: null });
  }

  stats(): FakeStats {
    return { ...this.statsState };
  }

  /** The answer to one request (method, path, body text). */
  answer(method: string, path: string, body: string): FakeAnswer {
    // PaySsam's bases carry a path (…/partner): the fake answers under any of them, so the one
    // address given to the app and to the simulator serves both /bill/read and /control/*.
    const control = path.indexOf("/control/");
    if (control >= 0) return this.control(method, path.slice(control), body);
    if (method !== "POST" || !path.endsWith("/bill/read")) return json(404, { code: "9999", msg: "없는 경로입니다." });
    const now = Date.now();
    this.statsState.reads++;
    this.statsState.firstReadAt ??= now;
    this.statsState.lastReadAt = now;
    let request: { apiKey?: unknown; member?: unknown; merchant?: unknown; bill?: { billId?: unknown } };
    try {
      request = JSON.parse(body);
    } catch {
      return json(400, { code: "9999", msg: "요청이 JSON이 아닙니다." });
    }
    const billId = typeof request?.bill?.billId === "string" ? request.bill.billId : null;
    const mode = (billId && this.modes.get(billId)) || this.globalMode;
    if (mode === "timeout") return { status: 200, body: "", hang: true };
    if (mode === "http500") return { status: 500, body: "<html>Internal Server Error</html>" };
    if (mode === "not_json") return { status: 200, body: "<html>점검 중입니다</html>" };
    if (mode === "garbage") return json(200, { code: "0000", data: { billId, apprState: "?", apprPrice: [] } });
    if (mode === "error") return json(200, { code: "5000", msg: "시스템 오류입니다." });
    if (this.options.apiKey !== undefined && request.apiKey !== this.options.apiKey) {
      return json(200, { code: "1003", msg: "접근 권한이 없습니다." });
    }
    if (!billId || typeof request.member !== "string" || typeof request.merchant !== "string") {
      return json(200, { code: "9999", msg: "member, merchant, bill.billId가 필요합니다." });
    }
    const bill =
      this.bills.get(billId) ?? (this.options.unknownAs === "W" ? { billId, apprState: "W" as const } : undefined);
    if (!bill) return json(200, { code: "9980", msg: "청구서가 존재하지 않습니다." });
    return json(200, { code: "0000", msg: "성공하였습니다.", data: approvalFields(bill) });
  }

  private control(method: string, path: string, body: string): FakeAnswer {
    if (method === "GET" && path === "/control/stats") return json(200, this.stats());
    if (method !== "POST") return json(405, { error: "POST" });
    let input: unknown;
    try {
      input = body ? JSON.parse(body) : {};
    } catch {
      return json(400, { error: "JSON body expected" });
    }
    switch (path) {
      case "/control/reset":
        this.reset();
        return json(200, { ok: true });
      case "/control/bills": {
        const parsed = parseFakeBillsControl(input);
        if (!parsed.success) return json(400, { error: "invalid bills", issues: controlErrors(parsed.error) });
        for (const bill of parsed.data) {
          this.setBill({ ...bill, apprDt: bill.apprDt === undefined ? undefined : new Date(bill.apprDt) });
        }
        return json(200, { ok: true, bills: parsed.data.length });
      }
      case "/control/mode": {
        const parsed = fakeModeControlSchema.safeParse(input);
        if (!parsed.success) return json(400, { error: "invalid mode", issues: controlErrors(parsed.error) });
        this.setMode(parsed.data.mode, parsed.data.billId);
        return json(200, { ok: true });
      }
      default:
        return json(404, { error: "unknown control path" });
    }
  }

  /** A fetch function answering from this fake, honouring the caller's abort signal. */
  fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const answer = this.answer(init?.method ?? "GET", url.pathname, String(init?.body ?? ""));
    if (answer.hang) {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json" } });
  };
}

function approvalFields(bill: FakeBill) {
  const paid = bill.apprState !== "W";
  const given: Record<string, unknown> = (paid && bill.approval) || {};
  const givenOr = (key: string, fallback: unknown) => (key in given ? given[key] : fallback);
  return {
    ...given,
    billId: bill.billId,
    apprState: bill.apprState,
    apprPrice: paid && bill.apprPrice !== undefined ? String(bill.apprPrice) : givenOr("apprPrice", null),
    apprNum: paid ? (bill.apprNum ?? givenOr("apprNum", null)) : null,
    apprDt: paid && bill.apprDt ? toKstCompact(bill.apprDt) : givenOr("apprDt", null),
    apprPayType: paid ? (bill.apprPayType ?? givenOr("apprPayType", "CARD_VAN")) : null,
    apprIssuer: paid ? (bill.apprIssuer ?? givenOr("apprIssuer", "현대카드")) : null,
    apprMonthly: paid ? givenOr("apprMonthly", "0") : null,
  };
}
