import { z } from "zod";
import { staffActionNames, staffActions } from "@/lib/audit/actions";
import { kstDay, pagingFields, searchText } from "@/lib/dashboard/search-params";
import type { FilterField } from "./filter-fields";
import { dashboardList } from "./list";

// The one parser of /audit's URL, and the toolbar's description of it.

export const auditSearchSchema = z.object({
  action: z.enum(staffActionNames).optional().catch(undefined),
  // Part of the staff member's email (or of the email typed at a failed sign-in).
  actor: searchText(254),
  from: kstDay,
  to: kstDay,
  ...pagingFields,
});

export type AuditFilters = z.output<typeof auditSearchSchema>;

export const auditFilterFields: FilterField<Extract<keyof typeof auditSearchSchema.shape, string>>[] = [
  {
    key: "action",
    name: "작업",
    label: "작업",
    kind: "select",
    all: "전체",
    options: staffActionNames.map((action) => ({ value: action, label: staffActions[action] })),
  },
  { key: "actor", name: "사용자", label: "사용자 (이메일 일부)", kind: "search", placeholder: "예: ops@" },
  {
    key: "from",
    name: "시작일",
    label: "시작일 (KST)",
    kind: "date-range",
    end: { key: "to", name: "종료일", label: "종료일 (KST)" },
  },
];

export const auditList = dashboardList("/audit", auditSearchSchema, auditFilterFields);

export const { parse: parseAuditSearch, queryString: auditQueryString, defaults: auditDefaults } = auditList;
