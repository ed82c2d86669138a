import { z } from "zod";
import { kstDay, pagingFields, searchParamsFor, searchText } from "@/lib/dashboard/search-params";
import { staffActionNames } from "./actions";

// The one parser of /audit's URL, here rather than beside the page so that db/queries/audit-log.ts
// need not import from app/.

export const auditSearchSchema = z.object({
  action: z.enum(staffActionNames).optional().catch(undefined),
  // Part of the staff member's email (or of the email typed at a failed sign-in).
  actor: searchText(254),
  from: kstDay,
  to: kstDay,
  ...pagingFields,
});

export type AuditFilters = z.output<typeof auditSearchSchema>;

export const {
  parse: parseAuditSearch,
  queryString: auditQueryString,
  filterKeys: auditFilterKeys,
} = searchParamsFor(auditSearchSchema, { action: "작업", actor: "사용자", from: "시작일", to: "종료일" });
