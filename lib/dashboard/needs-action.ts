import { z } from "zod";
import { pagingFields } from "@/lib/dashboard/search-params";
import { dashboardList } from "./list";

// 조치 필요: merchants PaySsam rejected (R) or asked for documents (S), which staff must call.
// The page's URL parser, and the staff inputs (memo, 확인) its server actions accept.

export const needsActionStatuses = ["R", "S"] as const;
export type NeedsActionStatus = (typeof needsActionStatuses)[number];

export const needsActionSearchSchema = z.object({
  status: z.enum(needsActionStatuses).optional().catch(undefined),
  // "open": only those nobody has marked 확인 yet.
  show: z.enum(["all", "open"]).catch("all"),
  ...pagingFields,
});

export type NeedsActionFilters = z.output<typeof needsActionSearchSchema>;

export const needsActionList = dashboardList("/needs-action", needsActionSearchSchema);

export const {
  defaults: needsActionDefaults,
  parse: parseNeedsActionSearch,
  queryString: needsActionQueryString,
} = needsActionList;

export const memoMaxLength = 1000;

const merchantId = z.coerce.number({ error: "가맹점을 찾을 수 없습니다." }).int().min(1).max(Number.MAX_SAFE_INTEGER);

export const memoInputSchema = z.object({
  merchantId,
  body: z
    .string({ error: "메모를 입력하세요." })
    .trim()
    .min(1, "메모를 입력하세요.")
    .max(memoMaxLength, `메모는 ${memoMaxLength.toLocaleString("ko-KR")}자까지 쓸 수 있습니다.`)
    // NUL cannot be stored in a text column; nobody types one on purpose.
    .refine((body) => !body.includes("\u0000"), "메모에 쓸 수 없는 문자가 있습니다."),
});

export const acknowledgeInputSchema = z.object({
  merchantId,
  // The merchant's updated_at as the page showed it: a 확인 is for the review the person saw.
  // PostgreSQL's text form, microseconds included, so it compares exactly.
  version: z
    .string({ error: "페이지를 새로 고친 뒤 다시 시도하세요." })
    .regex(
      /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/,
      "페이지를 새로 고친 뒤 다시 시도하세요.",
    ),
});

export type MemoInput = z.output<typeof memoInputSchema>;
export type AcknowledgeInput = z.output<typeof acknowledgeInputSchema>;

/** 확인 취소: which merchant's 확인 to take back. */
export const undoAcknowledgeInputSchema = z.object({ merchantId });
