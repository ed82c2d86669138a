import { readFileSync } from "node:fs";
import path from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { errorCodes, type FieldError } from "@/lib/payssam/answers";
import {
  approvalCallbackSchema,
  approvalFieldDescriptions,
  toV2ApprovalKeys,
  v1ApprovalKeys,
} from "@/lib/payssam/approval";
import { authMappingCallbackSchema, authMappingFieldDescriptions } from "@/lib/payssam/auth-mapping";
import { diagnoseValue, explainRefusal } from "@/lib/payssam/refusal-explanations";

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(process.cwd(), "test", "fixtures", `${name}.json`), "utf8"));

const approval = fixture("approval.card");
const mapping = fixture("auth-mapping.rejected");

/** What the receiver stores for a payload: its errors as { path, message }, as receive.ts builds them. */
function approvalErrors(payload: Record<string, unknown>): FieldError[] {
  const parsed = approvalCallbackSchema.safeParse(toV2ApprovalKeys(payload));
  if (parsed.success) return [];
  const v2ToV1 = Object.fromEntries(Object.entries(v1ApprovalKeys).map(([v1, v2]) => [v2, v1]));
  const v1 = !("billId" in payload) && "bill_id" in payload;
  return parsed.error.issues.map((issue) => ({
    path: issue.path.map((part, index) => (index === 0 && v1 ? (v2ToV1[part as string] ?? part) : part)).join("."),
    message: issue.message,
  }));
}

function mappingErrors(payload: Record<string, unknown>): FieldError[] {
  const parsed = authMappingCallbackSchema.safeParse(payload);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function explainApproval(changes: Record<string, unknown>, base = approval) {
  const payload = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete payload[key];
  const rawBody = JSON.stringify(payload);
  return explainRefusal({ errorCode: "1002", errors: approvalErrors(payload), rawBody });
}

function explainMerchant(changes: Record<string, unknown>) {
  const payload = { ...mapping, merchant: { ...(mapping.merchant as object), ...changes } };
  return explainRefusal({ errorCode: "1002", errors: mappingErrors(payload), rawBody: JSON.stringify(payload) });
}

/** The explanation of a refusal for one field error, as the receiver stores it. */
function explainOne(path: string, message: string, rawBody: string, errorCode: string = errorCodes.invalidPayload) {
  return explainRefusal({ errorCode, errors: [{ path, message }], rawBody });
}

const HANGUL = /[\uac00-\ud7a3]/;

describe("field explanations", () => {
  it("names the field in Korean, says what was wrong and shows the value received", () => {
    const explained = explainApproval({ apprMonthly: "일시불" });
    expect(explained.fields.map((field) => field.text)).toEqual([
      "할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불",
    ]);
    expect(explained.summary).toBe("할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불");
  });

  it.each([
    [
      { apprPrice: "12,000" },
      "결제 금액(apprPrice)은 쉼표나 소수점 없이 숫자만 쓴 원 단위 금액이어야 합니다 (예: 12000). 받은 값: 12,000",
    ],
    [{ billId: undefined }, "청구서 ID(billId)는 꼭 있어야 하는데 값이 없습니다. 받은 값: 없음 (필드가 빠짐)"],
    [
      { billId: "2208112341A000000017-RETRY123" },
      "청구서 ID(billId)는 최대 20자까지입니다. 받은 값: 2208112341A000000017-RETRY123",
    ],
    [{ billId: "   " }, "청구서 ID(billId)는 공백만으로 채울 수 없습니다. 받은 값: 공백 3자"],
    [{ billId: 17 }, "청구서 ID(billId)는 문자열이어야 합니다. 받은 값: 숫자 17"],
    [{ apprState: "X" }, "승인 상태(apprState)는 F(승인), W(대기), C(취소), D(파기) 중 하나여야 합니다. 받은 값: X"],
    [{ apprState: "" }, '승인 상태(apprState)는 꼭 있어야 하는데 값이 없습니다. 받은 값: 빈 문자열("")'],
    [
      { apprDt: "2026-01-31 09:30:00" },
      "승인 일시(apprDt)는 한국 시간 yyyyMMddHHmmss 형식의 14자리 숫자여야 합니다 (예: 20260131093000). 받은 값: 2026-01-31 09:30:00",
    ],
    [
      { apprOriginDt: "20260231093000" },
      "원거래 일시(apprOriginDt)는 실제로 있는 날짜와 시각이어야 합니다 (yyyyMMddHHmmss, 한국 시간). 받은 값: 20260231093000",
    ],
    [{ apprIssuer: ["현대"] }, "카드사/은행(apprIssuer)은 문자열이어야 합니다. 받은 값: 배열 (항목 1개)"],
  ])("%j", (changes, expected) => {
    expect(explainApproval(changes).fields.map((field) => field.text)).toEqual([expected]);
  });

  it("uses the key the sender used for a v1 approval", () => {
    const { apiKey, billId, apprMonthly, apprState, apprDt, apprPrice, ...rest } = approval;
    const v1 = {
      apikey: apiKey,
      bill_id: billId,
      appr_monthly: "3개월",
      appr_state: apprState,
      appr_dt: apprDt,
      appr_price: apprPrice,
      ...rest,
    };
    const explained = explainRefusal({ errorCode: "1002", errors: approvalErrors(v1), rawBody: JSON.stringify(v1) });
    expect(explained.fields.map((field) => field.text)).toEqual([
      "할부 개월(appr_monthly)은 0–99 사이 숫자여야 합니다. 받은 값: 3개월",
    ]);
  });

  it.each([
    [
      { reviewStatus: "심사중" },
      "심사 상태(merchant.reviewStatus)는 N(심사없음), W(작성중), P(심사중), R(반려), S(서류보완), O(개시) 중 하나여야 합니다. 받은 값: 심사중",
    ],
    [{ isDeleted: "maybe" }, "삭제 여부(merchant.isDeleted)는 Y 또는 N이어야 합니다. 받은 값: maybe"],
    [{ companyName: 42 }, "상호(merchant.companyName)는 문자열이어야 합니다. 받은 값: 숫자 42"],
  ])("merchant %j", (changes, expected) => {
    expect(explainMerchant(changes).fields.map((field) => field.text)).toEqual([expected]);
  });

  it("explains a merchant member that is not an object, and a missing member id", () => {
    const payload = { ...mapping, merchant: "바른마음의원", memberId: "" };
    const explained = explainRefusal({
      errorCode: "1002",
      errors: mappingErrors(payload),
      rawBody: JSON.stringify(payload),
    });
    expect(explained.fields.map((field) => field.text)).toEqual([
      '회원 코드(memberId)는 꼭 있어야 하는데 값이 없습니다. 받은 값: 빈 문자열("")',
      "가맹점 정보(merchant)는 JSON 객체여야 합니다. 받은 값: 바른마음의원",
    ]);
    expect(explained.summary).toMatch(/ 외 1건$/);
  });

  it("keeps working when the receiver rewords its English messages", () => {
    const rawBody = JSON.stringify({ ...approval, apprMonthly: "일시불" });
    expect(explainOne("apprMonthly", "completely new wording", rawBody).fields[0].text).toBe(
      "할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불",
    );
  });

  it("falls back on the message when the stored body cannot be read", () => {
    const unreadable = '{"billId":"2208112341A000000017-RETRY123", "apprPrice": ';
    expect(explainOne("billId", "must be at most 20 characters, got 27", unreadable).fields[0].text).toBe(
      "청구서 ID(billId)는 최대 20자까지입니다.",
    );
  });

  it("names an unknown field and quotes the message it cannot interpret", () => {
    expect(explainOne("apprFoo", "is weird", '{"apprFoo":"bar"}').fields[0].text).toBe(
      "apprFoo 필드의 값이 올바르지 않습니다 (is weird). 받은 값: bar",
    );
    expect(explainOne("apprNum", "is odd", "").fields[0].text).toBe(
      "승인번호(apprNum) 값이 올바르지 않습니다 (is odd).",
    );
  });

  it("explains NUL characters and broken surrogates, showing them escaped", () => {
    const nul = explainOne("billId", "contains a NUL character (\\u0000)", '{"billId":"22081\\u0000123"}');
    expect(nul.fields[0].text).toBe(
      "청구서 ID(billId)에 NUL 문자(\\u0000)가 들어 있어 저장할 수 없습니다. 받은 값: 22081\\u0000123",
    );
    const surrogate = explainOne(
      "merchant.companyName",
      "something about text",
      '{"merchant":{"companyName":"바른\\ud800"}}',
    );
    expect(surrogate.fields[0].reason).toBe("surrogate");
    expect(surrogate.fields[0].text).toContain("상호(merchant.companyName)에 짝이 없는 서로게이트");
    expect(surrogate.fields[0].text).toContain("받은 값: 바른\\ud800");
  });

  it("names the field nested too deeply under its top-level name", () => {
    const explained = explainOne("udItem.a.a.a", "nesting deeper than 32 levels", "{}", errorCodes.nestingTooDeep);
    expect(explained.headline).toBe("객체나 배열이 허용 한도보다 깊게 중첩되어 있습니다.");
    expect(explained.fields[0].text).toBe(
      "사용자 정의 항목(udItem.a.a.a) 안의 객체·배열 중첩이 허용 한도보다 깊습니다.",
    );
  });
});

describe("refusal codes", () => {
  it("has a Korean headline for every answer code", () => {
    for (const code of Object.values(errorCodes)) {
      const { headline } = explainRefusal({ errorCode: code });
      expect(headline, code).toMatch(HANGUL);
      expect(headline, code).not.toContain("알 수 없는 오류 코드");
    }
  });

  it("never shows the API key, only that it was not accepted", () => {
    const key = "live-0123456789abcdef0123456";
    const explained = explainRefusal({
      errorCode: errorCodes.badApiKey,
      errors: [{ path: "apiKey", message: "is not an accepted key (PAYSSAM_API_KEYS)" }],
      rawBody: JSON.stringify({ ...approval, apiKey: key }),
    });
    expect(explained.fields.map((field) => field.text)).toEqual(["API 키(apiKey)가 허용된 값이 아닙니다."]);
    expect(JSON.stringify(explained)).not.toContain(key);
    const missing = explainRefusal({ errorCode: "1102", errors: [{ path: "apikey", message: "is required" }] });
    expect(missing.fields[0].text).toBe("API 키(apikey)는 꼭 있어야 하는데 값이 없습니다.");
  });

  it("tells a missing token from a wrong one", () => {
    const missing = explainRefusal({ errorCode: "1101", errors: [{ path: "token", message: "is required" }] });
    expect(missing.detail).toBe("콜백 주소에 ?token= 이 없습니다.");
    expect(missing.fields).toEqual([]);
    const wrong = explainRefusal({ errorCode: "1101", errors: [{ path: "token", message: "does not match" }] });
    expect(wrong.detail).toBe("콜백 주소의 토큰이 설정된 토큰과 다릅니다.");
  });

  it("describes bodies that are not JSON objects", () => {
    expect(explainRefusal({ errorCode: "1001", rawBody: "" }).summary).toBe(
      "본문이 JSON 객체가 아닙니다. 본문이 비어 있습니다.",
    );
    expect(explainRefusal({ errorCode: "1001", rawBody: "[1,2]" }).detail).toBe(
      "받은 본문은 JSON 객체가 아니라 배열 (항목 2개)입니다.",
    );
    // A body that is a JSON string: quoted, not shown as if it were the body's own text.
    expect(explainRefusal({ errorCode: "1001", rawBody: '"{not json"' }).detail).toBe(
      '받은 본문은 JSON 객체가 아니라 문자열 "{not json"입니다.',
    );
    expect(explainRefusal({ errorCode: "1001", rawBody: '{"billId": 1,}' }).detail).toMatch(
      /^JSON 문법 오류: \d+번째 글자 근처\.$/,
    );
    expect(
      explainRefusal({ errorCode: "1001", errors: [{ path: "", message: "must be a JSON object" }], rawBody: "{" })
        .fields,
    ).toEqual([]);
  });

  it("gives the size of a body that was too large, the offset of bad bytes", () => {
    expect(explainRefusal({ errorCode: "1301", bodyBytes: 2_000_000 }).detail).toBe("받은 크기: 2,000,000바이트.");
    expect(explainRefusal({ errorCode: "1301", errorMessage: "The body is 1500000 bytes; …" }).detail).toBe(
      "받은 크기: 1,500,000바이트.",
    );
    expect(
      explainRefusal({ errorCode: "1004", errorMessage: "The body is not valid UTF-8 (invalid byte at offset 17)." })
        .detail,
    ).toBe("바이트 위치 17 부근이 UTF-8이 아닙니다.");
    expect(explainRefusal({ errorCode: "1408" }).headline).toContain("시간 초과");
  });

  it("says an unknown code and its message rather than nothing", () => {
    expect(explainRefusal({ errorCode: "9999", errorMessage: "Something new." }).headline).toBe(
      "알 수 없는 오류 코드 9999로 거부되었습니다: Something new.",
    );
    expect(explainRefusal({ errorCode: null }).headline).toBe("알 수 없는 오류 코드로 거부되었습니다.");
  });
});

// ——— properties ———

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is refused before the schema runs
const hostile = /\u0000|[\uD800-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters a label shows escaped
const escaped = /[\u0000-\u001f\u007f\uD800-\uDFFF]/;

// Values of the shapes senders get wrong: the right shape, near misses, other JSON types.
const fieldValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom("", " ", "F", "W", "C", "D", "X", "N", "P", "R", "S", "O", "Y", "y", "true", "FALSE", " n "),
  fc.constantFrom("일시불", "12,000", "12000", "0", "00", "99", "100", "-1", "3.5", "2026-01-31 09:30:00"),
  fc.constantFrom("20260131093000", "20260231093000", "20261324000000", "18991231235959"),
  fc.stringMatching(/^\d{1,15}$/),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: "grapheme", maxLength: 70 }),
  fc.integer({ min: -5, max: 1_000_000_000_000 }),
  // Only what JSON can carry: the stored body is JSON text.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);

const received = (value: unknown) =>
  value === undefined ? { present: false as const } : { present: true as const, value };

/**
 * Checks that `key` is refused exactly when its described rule refuses `value`, and that the
 * explanation names that rule's reason; returns the explained field when there was one.
 */
function explainedByRule(
  rule: Parameters<typeof diagnoseValue>[0],
  key: string,
  value: unknown,
  errors: FieldError[],
  payload: unknown,
) {
  const expected = diagnoseValue(rule, received(value));
  expect(errors.length > 0, `${key} = ${JSON.stringify(value)}`).toBe(expected !== null);
  if (errors.length === 0) return null;
  const [field] = explainRefusal({ errorCode: "1002", errors, rawBody: JSON.stringify(payload) }).fields;
  expect(field.reason).toBe(expected);
  return field;
}

describe("properties", () => {
  const approvalKeys = Object.keys(approvalFieldDescriptions).filter(
    (key) => approvalFieldDescriptions[key].rule.kind !== "secret",
  );

  test.prop([fc.constantFrom(...approvalKeys), fieldValue], { numRuns: 2000 })(
    "an approval field is refused exactly when its described rule refuses it, and explained by that rule",
    (key, value) => {
      fc.pre(!(typeof value === "string" && hostile.test(value)));
      const payload: Record<string, unknown> = { ...approval, [key]: value };
      if (value === undefined) delete payload[key];
      const errors = approvalErrors(payload).filter((error) => error.path === key);
      const field = explainedByRule(approvalFieldDescriptions[key].rule, key, value, errors, payload);
      if (field) expect(field.text.startsWith(`${approvalFieldDescriptions[key].name}(${key})`)).toBe(true);
    },
  );

  const merchantKeys = Object.keys(authMappingFieldDescriptions).filter((key) => key.startsWith("merchant."));

  test.prop([fc.constantFrom(...merchantKeys, "memberId", "merchantId", "member", "member.id"), fieldValue], {
    numRuns: 1500,
  })("a merchant callback field is refused exactly when its described rule refuses it", (key, value) => {
    fc.pre(!(typeof value === "string" && hostile.test(value)));
    const payload = structuredClone(mapping) as Record<string, Record<string, unknown>>;
    const [parent, child] = key.includes(".") ? key.split(".") : [null, key];
    const target = parent ? payload[parent] : payload;
    if (value === undefined) delete target[child];
    else target[child] = value as Record<string, unknown>;
    const errors = mappingErrors(payload).filter((error) => error.path === key);
    const field = explainedByRule(authMappingFieldDescriptions[key].rule, key, value, errors, payload);
    if (field) expect(field.text).toContain(`${authMappingFieldDescriptions[key].name}(${key})`);
  });

  test.prop(
    [
      fc.option(
        fc.oneof(
          fc.constantFrom(...Object.values(errorCodes), "constructor", "__proto__", "toString"),
          fc.string({ maxLength: 6 }),
        ),
      ),
      fc.option(fc.string()),
      fc.array(
        fc.record({
          path: fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.constantFrom("constructor", "__proto__")),
          message: fc.string(),
        }),
        {
          maxLength: 5,
        },
      ),
      fc.option(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.json(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
      ),
      fc.option(fc.nat()),
    ],
    { numRuns: 1000 },
  )(
    "any logged refusal gets Korean sentences that name each field",
    (errorCode, errorMessage, errors, rawBody, bodyBytes) => {
      const explained = explainRefusal({ errorCode, errorMessage, errors, rawBody, bodyBytes });
      expect(explained.headline).toMatch(HANGUL);
      expect(explained.summary).toMatch(HANGUL);
      for (const field of explained.fields) {
        expect(field.text).toMatch(HANGUL);
        // The path up to its first character that the label writes escaped.
        const named = field.path === "" ? "본문" : [...field.path].slice(0, 50).join("").split(escaped)[0];
        expect(field.label).toContain(named);
        expect(field.text.startsWith(field.label)).toBe(true);
      }
    },
  );

  test.prop([
    fc.string({ minLength: 12, maxLength: 40 }).filter((key) => /^[\w-]+$/.test(key)),
    fc.constantFrom("apiKey", "apikey", "token"),
  ])("never repeats a secret it was given", (secret, path) => {
    const explained = explainRefusal({
      errorCode: path === "token" ? "1101" : "1102",
      errorMessage: null,
      errors: [{ path, message: "is not an accepted key" }],
      rawBody: JSON.stringify({ ...approval, [path]: secret }),
    });
    expect(JSON.stringify(explained)).not.toContain(secret);
  });
});
