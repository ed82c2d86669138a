import { parseKstCompact } from "@/lib/kst";
import { errorCodes, type FieldError } from "./answers";
import { approvalFieldDescriptions, v1ApprovalKeys } from "./approval";
import { authMappingFieldDescriptions } from "./auth-mapping";
import type { FieldDescription, FieldRule } from "./fields";

// A logged refusal explained in Korean for operations staff: what the code means, and for each
// field the receiver named, its Korean label, what was wrong and the value received, e.g.
// "할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불".
//
// The receiver's English messages may be reworded, so the reason is worked out from the error
// code, the field's path and rule, and the value in the stored body; the English message is only
// a hint when the body cannot tell (truncated, not JSON), and is quoted when nothing else fits.
// The answer PaySsam receives is not affected: this is for the dashboard only.

export interface RefusalInput {
  errorCode: string | null;
  errorMessage?: string | null;
  errors?: FieldError[] | null;
  /** The stored (masked) body. */
  rawBody?: string | null;
  bodyBytes?: number | null;
}

export type FieldReason =
  | "missing"
  | "notText"
  | "blank"
  | "tooLong"
  | "notCode"
  | "timeFormat"
  | "notRealTime"
  | "notWon"
  | "notMonths"
  | "notYesNo"
  | "notObject"
  | "nul"
  | "surrogate"
  | "tooDeep"
  | "notAccepted"
  | "unrecognised";

export interface FieldExplanation {
  path: string;
  /** `할부 개월(apprMonthly)`, or the path itself for a field the receiver does not know. */
  label: string;
  reason: FieldReason;
  /** What was wrong, as a sentence. */
  problem: string;
  /** The value received in words, or null when it is unknown or must not be shown (secrets). */
  received: string | null;
  /** problem and received together: what the dashboard shows. */
  text: string;
}

export interface RefusalExplanation {
  /** What the refusal code means. */
  headline: string;
  /** A further sentence about the body as a whole (size, syntax error position), or null. */
  detail: string | null;
  fields: FieldExplanation[];
  /** One line for lists: the first field's explanation, or the headline. */
  summary: string;
}

const headlines: Record<string, string> = {
  [errorCodes.invalidJson]: "본문이 JSON 객체가 아닙니다.",
  [errorCodes.invalidPayload]: "값이 올바르지 않은 필드가 있습니다.",
  [errorCodes.unknownKind]:
    "어떤 콜백인지 알 수 없습니다. 결제 승인은 billId와 apprState, 하위가맹점 연동 결과는 memberId·merchantId·merchant가 있어야 합니다.",
  [errorCodes.invalidEncoding]:
    "본문이 UTF-8 텍스트가 아닙니다. 잘못된 바이트가 있거나 UTF-16/UTF-32로 보낸 본문입니다.",
  [errorCodes.nestingTooDeep]: "객체나 배열이 허용 한도보다 깊게 중첩되어 있습니다.",
  [errorCodes.badToken]:
    "콜백 주소의 토큰(?token=)이 없거나 틀립니다. PaySsam에 등록한 콜백 URL의 토큰과 CALLBACK_TOKEN 설정을 확인하세요.",
  [errorCodes.badApiKey]:
    "API 키가 이 파트너의 PaySsam API 키(PAYSSAM_API_KEYS)가 아닙니다. 샌드박스 키와 운영 키가 섞이지 않았는지 확인하세요.",
  [errorCodes.bodyTooLarge]: "본문이 1 MiB(1,048,576바이트)보다 커서 받지 않았습니다.",
  [errorCodes.methodNotAllowed]: "POST가 아닌 요청입니다. 콜백은 POST로만 받습니다.",
  [errorCodes.bodyTimeout]: "본문이 끝까지 도착하지 않아 수신을 멈췄습니다 (전송 중 시간 초과).",
  [errorCodes.notConfigured]:
    "수신기가 설정되지 않았습니다 (운영 환경에 CALLBACK_TOKEN이 없음). PaySsam이 다시 보냅니다.",
  [errorCodes.databaseUnavailable]: "데이터베이스에 연결할 수 없어 저장하지 못했습니다. PaySsam이 다시 보냅니다.",
};

// Codes whose headline already says everything a body-level ("") error would.
const fieldsShownFor = new Set<string>([errorCodes.invalidPayload, errorCodes.nestingTooDeep, errorCodes.badApiKey]);

export function explainRefusal(input: RefusalInput): RefusalExplanation {
  const code = input.errorCode ?? "";
  const body = parseBody(input.rawBody);
  const known = Object.hasOwn(headlines, code);
  const errors = (input.errors ?? []).filter(
    (error) => fieldsShownFor.has(code) || !known || (error.path !== "" && error.path !== "token"),
  );
  const fields = errors.map((error) => explainField(error, body, code));
  const headline = known
    ? headlines[code]
    : `알 수 없는 오류 코드${code ? ` ${code}` : ""}로 거부되었습니다${input.errorMessage ? `: ${clip(input.errorMessage, 200)}` : "."}`;
  const detail = bodyDetail(code, input, body);
  const summary =
    fields.length > 0
      ? `${fields[0].text}${fields.length > 1 ? ` 외 ${fields.length - 1}건` : ""}`
      : `${headline}${detail ? ` ${detail}` : ""}`;
  return { headline, detail, fields, summary };
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string | null };

function parseBody(rawBody: string | null | undefined): ParsedBody {
  if (rawBody === null || rawBody === undefined) return { ok: false, error: null };
  try {
    return { ok: true, value: JSON.parse(rawBody) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function bodyDetail(code: string, input: RefusalInput, body: ParsedBody): string | null {
  if (code === errorCodes.invalidJson) {
    if (body.ok) {
      // A JSON string is quoted, so it cannot be mistaken for the body's own text.
      const what =
        typeof body.value === "string" ? `문자열 ${JSON.stringify(clip(body.value, 40))}` : describeValue(body.value);
      return `받은 본문은 JSON 객체가 아니라 ${what}입니다.`;
    }
    if (input.rawBody !== null && input.rawBody !== undefined && input.rawBody.trim() === "") {
      return "본문이 비어 있습니다.";
    }
    const position = /position (\d+)/.exec(body.error ?? input.errorMessage ?? "");
    return position
      ? `JSON 문법 오류: ${Number(position[1]) + 1}번째 글자 근처.`
      : "JSON 문법 오류가 있거나 본문이 중간에 끊겼습니다.";
  }
  if (code === errorCodes.bodyTooLarge) {
    const bytes = input.bodyBytes ?? Number(/(\d+) bytes/.exec(input.errorMessage ?? "")?.[1] ?? Number.NaN);
    return Number.isFinite(bytes) ? `받은 크기: ${bytes.toLocaleString("ko-KR")}바이트.` : null;
  }
  if (code === errorCodes.invalidEncoding) {
    const offset = /(?:offset|byte|position)\D{0,12}(\d+)/i.exec(input.errorMessage ?? "");
    return offset ? `바이트 위치 ${Number(offset[1]).toLocaleString("ko-KR")} 부근이 UTF-8이 아닙니다.` : null;
  }
  if (code === errorCodes.badToken) {
    const tokenError = input.errors?.find((error) => error.path === "token");
    if (tokenError && /required/i.test(tokenError.message)) return "콜백 주소에 ?token= 이 없습니다.";
    return tokenError ? "콜백 주소의 토큰이 설정된 토큰과 다릅니다." : null;
  }
  return null;
}

// ——— one field ———

// Paths that are not payload fields but can be named by a refusal.
const requestFieldDescriptions: Record<string, FieldDescription> = {
  token: { name: "콜백 주소의 토큰", rule: { kind: "secret" } },
};

function describeField(path: string): FieldDescription | null {
  // Own keys only: a path such as "constructor" must not find Object's prototype.
  const own = <Value>(table: Record<string, Value>, key: string) => (Object.hasOwn(table, key) ? table[key] : null);
  const v2Key = own(v1ApprovalKeys, path) ?? path;
  return (
    own(approvalFieldDescriptions, v2Key) ??
    own(authMappingFieldDescriptions, path) ??
    own(requestFieldDescriptions, path) ??
    null
  );
}

/** The Korean name of a path: its own, or its nearest known ancestor's (udItem.a.b is in 사용자 정의 항목). */
function nameFor(path: string): string | null {
  const parts = path.split(".");
  for (let length = parts.length; length > 0; length--) {
    const description = describeField(parts.slice(0, length).join("."));
    if (description) return description.name;
  }
  return null;
}

type Received = { present: false } | { present: true; value: unknown };

function valueAt(body: ParsedBody, path: string): Received | null {
  if (!body.ok) return null;
  if (path === "") return { present: true, value: body.value };
  let current: unknown = body.value;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null) return null;
    if (!Object.hasOwn(current, part)) return { present: false };
    current = (current as Record<string, unknown>)[part];
  }
  return { present: true, value: current };
}

function explainField(error: FieldError, body: ParsedBody, code: string): FieldExplanation {
  const path = error.path;
  const description = describeField(path);
  const name = path === "" ? "본문" : nameFor(path);
  const label = name === null ? clip(path, 200) : path === "" ? name : `${name}(${clip(path, 60)})`;
  const received = valueAt(body, path);
  const reason = diagnose(description?.rule ?? null, received, error.message, code);
  const problem = sentence(reason, { name, rule: description?.rule ?? null }, label, error.message);
  const shown = description?.rule.kind === "secret" || reason === "tooDeep" ? null : receivedText(received);
  return {
    path,
    label,
    reason,
    problem,
    received: shown,
    text: shown === null ? problem : `${problem} 받은 값: ${shown}`,
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const KST_COMPACT = /^\d{14}$/;

function diagnose(rule: FieldRule | null, received: Received | null, message: string, code: string): FieldReason {
  if (code === errorCodes.nestingTooDeep) return "tooDeep";
  // Hostile bytes are refused before the field's own rule, so they come first.
  if (received?.present && typeof received.value === "string") {
    if (received.value.includes("\u0000")) return "nul";
    if (LONE_SURROGATE.test(received.value)) return "surrogate";
  }
  if (/NUL|\\u0000/.test(message)) return "nul";
  if (/surrogate/i.test(message)) return "surrogate";
  if (/nest|deep|depth/i.test(message)) return "tooDeep";
  if (rule?.kind === "secret") return /required/i.test(message) ? "missing" : "notAccepted";
  const fromValue = rule && received ? diagnoseValue(rule, received) : null;
  return fromValue ?? diagnoseMessage(message);
}

const isBlank = (received: Received) =>
  !received.present || received.value === null || received.value === undefined || received.value === "";

/** Why a value breaks a rule, or null when the rule accepts it (then the message must tell). */
export function diagnoseValue(rule: FieldRule, received: Received): FieldReason | null {
  const value = received.present ? received.value : undefined;
  const blank = isBlank(received);
  switch (rule.kind) {
    case "text":
      if (blank) return rule.required ? "missing" : null;
      if (typeof value !== "string") return "notText";
      if (!rule.required) return null;
      if (value.trim() === "") return "blank";
      return [...value].length > rule.maxLength ? "tooLong" : null;
    case "code":
      if (blank) return "missing";
      return typeof value === "string" && rule.codes.includes(value) ? null : "notCode";
    case "kstTime":
      if (blank) return rule.required ? "missing" : null;
      if (typeof value !== "string" || !KST_COMPACT.test(value)) return "timeFormat";
      return parseKstCompact(value) ? null : "notRealTime";
    case "won":
      if (blank) return "missing";
      if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 999_999_999_999) {
        return null;
      }
      return typeof value === "string" && /^\d{1,12}$/.test(value) ? null : "notWon";
    case "months":
      if (blank) return null;
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 99) return null;
      return typeof value === "string" && /^\d{1,2}$/.test(value) ? null : "notMonths";
    case "yesNo":
      if (blank || typeof value === "boolean") return null;
      return typeof value === "string" && ["Y", "N", "TRUE", "FALSE"].includes(value.trim().toUpperCase())
        ? null
        : "notYesNo";
    case "object":
      if (value === null && rule.nullable) return null;
      if (!received.present) return rule.nullable ? null : "missing";
      return typeof value === "object" && value !== null && !Array.isArray(value) ? null : "notObject";
    case "json":
    case "secret":
      return null;
  }
}

function diagnoseMessage(message: string): FieldReason {
  if (/^is required/i.test(message)) return "missing";
  if (/blank/i.test(message)) return "blank";
  if (/at most \d+/i.test(message)) return "tooLong";
  if (/one of/i.test(message)) return "notCode";
  if (/not a real date/i.test(message)) return "notRealTime";
  if (/yyyyMMddHHmmss/.test(message)) return "timeFormat";
  if (/won/i.test(message)) return "notWon";
  if (/months/i.test(message)) return "notMonths";
  if (/"Y" or "N"/.test(message)) return "notYesNo";
  if (/object/i.test(message)) return "notObject";
  if (/must be a string/i.test(message)) return "notText";
  return "unrecognised";
}

// ——— Korean sentences ———

/** 은/는 after a Korean word, chosen by whether its last syllable has a final consonant. */
function topic(word: string): string {
  return hasFinalConsonant(word) ? "은" : "는";
}

function subject(word: string): string {
  return hasFinalConsonant(word) ? "이" : "가";
}

function hasFinalConsonant(word: string): boolean {
  const last = word.trim().at(-1) ?? "";
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  // Digits read in Korean: 영 일 삼 육 칠 팔 end in a consonant; 이 사 오 구 do not.
  if (/\d/.test(last)) return "013678".includes(last);
  return false;
}

function sentence(
  reason: FieldReason,
  field: { name: string | null; rule: FieldRule | null },
  label: string,
  message: string,
): string {
  // The particle follows the Korean name, not the key in parentheses; an unknown field is "… 필드".
  const { name, rule } = field;
  const the = name ? `${label}${topic(name)}` : `${label} 필드는`;
  switch (reason) {
    case "missing":
      return `${the} 꼭 있어야 하는데 값이 없습니다.`;
    case "notText":
      return `${the} 문자열이어야 합니다.`;
    case "blank":
      return `${the} 공백만으로 채울 수 없습니다.`;
    case "tooLong": {
      const max = rule?.kind === "text" && rule.required ? rule.maxLength : Number(/at most (\d+)/.exec(message)?.[1]);
      return Number.isFinite(max) ? `${the} 최대 ${max}자까지입니다.` : `${the} 너무 깁니다.`;
    }
    case "notCode":
      return rule?.kind === "code"
        ? `${the} ${rule.codes.map((code) => `${code}(${rule.labels[code]})`).join(", ")} 중 하나여야 합니다.`
        : `${the} 정해진 코드 중 하나여야 합니다.`;
    case "timeFormat":
      return `${the} 한국 시간 yyyyMMddHHmmss 형식의 14자리 숫자여야 합니다 (예: 20260131093000).`;
    case "notRealTime":
      return `${the} 실제로 있는 날짜와 시각이어야 합니다 (yyyyMMddHHmmss, 한국 시간).`;
    case "notWon":
      return `${the} 쉼표나 소수점 없이 숫자만 쓴 원 단위 금액이어야 합니다 (예: 12000).`;
    case "notMonths":
      return `${the} 0–99 사이 숫자여야 합니다.`;
    case "notYesNo":
      return `${the} Y 또는 N이어야 합니다.`;
    case "notObject":
      return `${the} JSON 객체여야 합니다.`;
    case "nul":
      return `${label}에 NUL 문자(\\u0000)가 들어 있어 저장할 수 없습니다.`;
    case "surrogate":
      return `${label}에 짝이 없는 서로게이트(깨진 유니코드 문자)가 들어 있습니다.`;
    case "tooDeep":
      return `${label} 안의 객체·배열 중첩이 허용 한도보다 깊습니다.`;
    case "notAccepted":
      return `${label}${name ? subject(name) : "이"} 허용된 값이 아닙니다.`;
    case "unrecognised":
      return `${name ? `${label} 값이` : `${label} 필드의 값이`} 올바르지 않습니다${message ? ` (${clip(message, 200)})` : ""}.`;
  }
}

/** The value received, in words. */
function receivedText(received: Received | null): string | null {
  if (received === null) return null;
  if (!received.present) return "없음 (필드가 빠짐)";
  return describeValue(received.value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === "") return '빈 문자열("")';
  if (typeof value === "string") {
    if (value.trim() === "") return `공백 ${[...value].length}자`;
    const characters = [...value];
    const shown = visible(characters.length > 40 ? `${characters.slice(0, 40).join("")}…` : value);
    return characters.length > 40 ? `${shown} (${characters.length.toLocaleString("ko-KR")}자)` : shown;
  }
  if (typeof value === "number") return `숫자 ${value}`;
  if (typeof value === "boolean") return `${value} (참/거짓 값)`;
  if (Array.isArray(value)) return `배열 (항목 ${value.length}개)`;
  if (typeof value === "object") return "객체";
  return String(value);
}

/** Control characters and broken surrogates written as \uXXXX, so they can be seen. */
function visible(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is made visible here
    /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length > max ? `${visible(characters.slice(0, max).join(""))}…` : visible(text);
}
