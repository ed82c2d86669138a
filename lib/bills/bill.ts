import { z } from "zod";
import { formatKstDate, kstDayStart, parseKstCompact } from "@/lib/kst";
import { codePoints, describeValue, isBlank } from "@/lib/payssam/fields";

// The one shape of a bill (청구서) the partner registers: POST /api/bills and the 청구서 upload both
// parse with billSchema, so a row refused in one is refused in the other for the same reason.
// Every message is Korean first, then English: the upload preview shows it to staff, the API
// answers it to the partner's developers.

/** A problem with one field; `path` is the field's key ("" for the bill as a whole). */
export interface BillFieldError {
  path: string;
  message: string;
}

export const bilingual = (korean: string, english: string) => `${korean} (${english})`;

// Control characters would break the CSV export and the log line; a bill's texts never need them.
const controlCharacter = /\p{Cc}/u;

function text(label: string, key: string, maxLength: number, required: boolean) {
  return z.unknown().transform((value, ctx): string | null => {
    if (isBlank(value)) {
      if (!required) return null;
      ctx.addIssue({ code: "custom", message: bilingual(`${label}은(는) 필수입니다`, `${key} is required`) });
      return z.NEVER;
    }
    if (typeof value !== "string") {
      ctx.addIssue({
        code: "custom",
        message: bilingual(
          `${label}은(는) 문자열이어야 합니다`,
          `${key} must be a string, got ${describeValue(value)}`,
        ),
      });
      return z.NEVER;
    }
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: bilingual(`${label}이(가) 비어 있습니다`, `${key} must not be blank`) });
      return z.NEVER;
    }
    if (codePoints(value) > maxLength) {
      ctx.addIssue({
        code: "custom",
        message: bilingual(
          `${label}은(는) ${maxLength}자 이하여야 합니다 (${codePoints(value)}자)`,
          `${key} must be at most ${maxLength} characters, got ${codePoints(value)}`,
        ),
      });
      return z.NEVER;
    }
    if (controlCharacter.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: bilingual(`${label}에 제어 문자가 있습니다`, `${key} must not contain control characters`),
      });
      return z.NEVER;
    }
    return value;
  });
}

const required = (label: string, key: string, maxLength: number) =>
  text(label, key, maxLength, true) as unknown as z.ZodType<string, unknown>;

// PaySsam: letters and digits, 1–20 characters; its own example has a hyphen, and an underscore
// is accepted by the dashboard's search, so both are allowed.
export const billIdPattern = /^[A-Za-z0-9_-]{1,20}$/;

export const billIdField = z.unknown().transform((value, ctx): string => {
  if (isBlank(value)) {
    ctx.addIssue({ code: "custom", message: bilingual("청구서 번호(billId)는 필수입니다", "billId is required") });
    return z.NEVER;
  }
  if (typeof value !== "string" || !billIdPattern.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: bilingual(
        "청구서 번호(billId)는 영문·숫자·-·_ 1~20자여야 합니다",
        `billId must be 1–20 letters, digits, - or _, got ${describeValue(value)}`,
      ),
    });
    return z.NEVER;
  }
  return value;
});

// PaySsam takes at most 10 digits of won in a request.
export const maxBillPrice = 9_999_999_999;

const price = z.unknown().transform((value, ctx): number => {
  if (isBlank(value)) {
    ctx.addIssue({ code: "custom", message: bilingual("금액(price)은 필수입니다", "price is required") });
    return z.NEVER;
  }
  const amount =
    typeof value === "number" && Number.isSafeInteger(value)
      ? value
      : typeof value === "string" && /^\d{1,10}$/.test(value)
        ? Number(value)
        : null;
  if (amount === null || amount < 1 || amount > maxBillPrice) {
    ctx.addIssue({
      code: "custom",
      message: bilingual(
        "금액(price)은 1원 이상 9,999,999,999원 이하의 정수여야 합니다",
        `price must be a whole number of won from 1 to ${maxBillPrice}, got ${describeValue(value)}`,
      ),
    });
    return z.NEVER;
  }
  return amount;
});

// yyyyMMddHHmmss or "yyyy-MM-dd HH:mm[:ss]" in Korea time (PaySsam's and a spreadsheet's way), or
// an ISO 8601 instant with its offset.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const kstWallTime = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseBillInstant(value: string): Date | null {
  if (/^\d{14}$/.test(value)) return parseKstCompact(value);
  const wall = kstWallTime.exec(value);
  if (wall) return parseKstCompact(`${wall[1]}${wall[2]}${wall[3]}${wall[4]}${wall[5]}${wall[6] ?? "00"}`);
  if (!isoInstant.test(value)) return null;
  // new Date rolls 02-30 over to 03-02: the written calendar day must exist.
  if (!kstDayStart(value.slice(0, 10))) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const earliest = Date.UTC(2000, 0, 1);
// A clock a little ahead on the partner's side is not an error; a bill from next week is.
const futureSlackMs = 24 * 60 * 60 * 1000;

const issuedAt = z.unknown().transform((value, ctx): Date | null => {
  if (isBlank(value)) return null;
  const instant = typeof value === "string" ? parseBillInstant(value) : null;
  if (!instant || instant.getTime() < earliest || instant.getTime() > Date.now() + futureSlackMs) {
    ctx.addIssue({
      code: "custom",
      message: bilingual(
        "발행 시각(issuedAt)은 yyyyMMddHHmmss(한국 시간) 또는 ISO 8601 형식의 실제 시각이어야 하고 미래일 수 없습니다",
        `issuedAt must be a real time as yyyyMMddHHmmss (Korea time) or ISO 8601 with an offset, not in the future, got ${describeValue(value)}`,
      ),
    });
    return z.NEVER;
  }
  return instant;
});

/** yyyy-MM-dd or yyyyMMdd, a real calendar day. */
export function parseBillDate(value: string): string | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return kstDayStart(iso) ? iso : null;
}

const expireDate = z.unknown().transform((value, ctx): string | null => {
  if (isBlank(value)) return null;
  const day = typeof value === "string" ? parseBillDate(value) : null;
  if (!day) {
    ctx.addIssue({
      code: "custom",
      message: bilingual(
        "만료일(expireDate)은 yyyy-MM-dd 형식의 실제 날짜여야 합니다",
        `expireDate must be a real date as yyyy-MM-dd, got ${describeValue(value)}`,
      ),
    });
    return z.NEVER;
  }
  return day;
});

export const billFields = {
  billId: billIdField,
  memberId: required("회원 코드(memberId)", "memberId", 60),
  merchantId: required("가맹점 코드(merchantId)", "merchantId", 60),
  price,
  issuedAt,
  expireDate,
  orderRef: text("주문 번호(orderRef)", "orderRef", 100, false),
  productName: text("상품명(productName)", "productName", 200, false),
};

export type BillKey = keyof typeof billFields;
export const billKeys = Object.keys(billFields) as BillKey[];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// A missing member is read like null, so each field's own rule decides "required" or "not given";
// an unknown member is refused (a typo like "prise", or a customer's phone number we must not keep).
const billObject = z.object(billFields);

export const billSchema = z.unknown().transform((value, ctx) => {
  if (!isPlainObject(value)) {
    ctx.addIssue({
      code: "custom",
      message: bilingual("청구서는 JSON 객체여야 합니다", `a bill must be a JSON object, got ${describeValue(value)}`),
    });
    return z.NEVER;
  }
  // Unknown members and every field's problem are reported together, so one answer names them all.
  for (const key of Object.keys(value)) {
    if ((billKeys as string[]).includes(key)) continue;
    ctx.addIssue({
      code: "custom",
      path: [key],
      message: bilingual(
        `알 수 없는 항목입니다: ${key}`,
        `unknown field ${JSON.stringify(key)}; allowed: ${billKeys.join(", ")}`,
      ),
    });
  }
  const bill = billObject.safeParse(Object.fromEntries(billKeys.map((key) => [key, value[key] ?? null])));
  if (!bill.success) {
    for (const issue of bill.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  const { issuedAt, expireDate } = bill.data;
  if (expireDate && issuedAt && expireDate < formatKstDate(issuedAt)) {
    ctx.addIssue({
      code: "custom",
      path: ["expireDate"],
      message: bilingual(
        "만료일(expireDate)이 발행일보다 앞섭니다",
        "expireDate must not be before the day the bill was issued (Korea time)",
      ),
    });
    return z.NEVER;
  }
  return bill.data;
});

export type BillInput = z.output<typeof billSchema>;

/** The errors of a failed parse, one per field, for an answer or a preview row. */
export function billErrors(error: z.ZodError): BillFieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** The Korean half of a message (the upload preview shows staff Korean only). */
export function koreanPart(message: string): string {
  const open = message.lastIndexOf(" (");
  return open > 0 && message.endsWith(")") ? message.slice(0, open) : message;
}

/** The fields the API and the upload compare when a billId is registered again. */
export const comparedBillKeys = [
  "memberId",
  "merchantId",
  "price",
  "issuedAt",
  "expireDate",
  "orderRef",
  "productName",
] as const satisfies readonly BillKey[];

/** A differing field named in both languages, for a refused re-registration. */
export function differsMessage(key: (typeof comparedBillKeys)[number]): string {
  return bilingual(`이미 등록된 청구서와 ${key} 값이 다릅니다`, `${key} differs from the bill already registered`);
}
