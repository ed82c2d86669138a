import type { ReconciliationStatus } from "@/db/schema";
import { reconciliationStatusLabels } from "@/lib/reconcile/statuses";
import { Badge, type Tone } from "./ui/badges";

// A bill's 대사 status, on the 청구서, 대사 and merchant pages: red and orange for paid money not
// yet accounted for (불일치, 콜백 누락, 대사불능), green for agreement, quiet for the rest.
export const reconciliationStatusTones: Record<ReconciliationStatus, Tone> = {
  matched: "green",
  mismatch: "red",
  missing_callback: "orange",
  unpaid: "amber",
  expired: "gray",
  cancelled: "gray",
  destroyed: "gray",
  unregistered: "violet",
  unreadable: "red",
};

export function ReconciliationStatusBadge({ status }: { status: ReconciliationStatus }) {
  return <Badge tone={reconciliationStatusTones[status]}>{reconciliationStatusLabels[status]}</Badge>;
}
