import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { type Database, getDb } from "@/db";
import { getApproval } from "@/db/queries/approvals";
import { getCallbackDelivery } from "@/db/queries/callback-deliveries";
import { getMerchant } from "@/db/queries/merchants";
import { requestPathHeader } from "@/lib/auth/gate";
import type { Staff } from "@/lib/auth/session";
import { pageOfPath } from "@/lib/dashboard/pages";
import { parseId } from "@/lib/dashboard/params";

// A response's status is sent before a page's content streams in, and every dashboard page sits
// inside a loading.tsx boundary: a page's own notFound() or admin check comes too late to turn
// the 200 into a 404 or 403. The dashboard layout renders above every boundary, so for a full page
// load it settles the status here from the requested path (proxy.ts passes it on). A client-side
// navigation does not re-render the layout; there the pages' own checks show the same answer.

const detailPages: { pattern: RegExp; exists: (db: Database, id: number) => Promise<unknown> }[] = [
  { pattern: /^\/approvals\/([^/]+)$/, exists: getApproval },
  { pattern: /^\/merchants\/([^/]+)$/, exists: getMerchant },
  { pattern: /^\/callbacks\/([^/]+)$/, exists: getCallbackDelivery },
];

export async function settlePageStatus(staff: Staff): Promise<void> {
  const requested = (await headers()).get(requestPathHeader);
  if (!requested) return;
  const pathname = new URL(requested, "http://dashboard.invalid").pathname;
  if (pageOfPath(pathname)?.adminOnly && staff.role !== "admin") forbidden();
  for (const { pattern, exists } of detailPages) {
    const segment = pattern.exec(pathname)?.[1];
    if (segment === undefined) continue;
    const id = parseId(segment);
    if (id === null || !(await exists(await getDb(), id))) notFound();
  }
}
