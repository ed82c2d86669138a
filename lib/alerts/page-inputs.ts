import { z } from "zod";
import { alertStatus } from "@/db/schema";
import { dashboardList } from "@/lib/dashboard/list";

// The inputs of /alerts: its URL (which status to list) and the 다시 보내기 action's alert id.

export const alertsSearchSchema = z.object({
  status: z.enum(alertStatus.enumValues).optional().catch(undefined),
});

export type AlertFilters = z.output<typeof alertsSearchSchema>;

export const alertsList = dashboardList("/alerts", alertsSearchSchema);

export const { parse: parseAlertsSearch, queryString: alertsQueryString } = alertsList;

export const resendInputSchema = z.object({
  alertId: z.coerce.number({ error: "알림을 찾을 수 없습니다." }).int().min(1).max(Number.MAX_SAFE_INTEGER),
});
