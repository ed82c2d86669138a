import "server-only";
import { inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { merchants } from "@/db/schema";

/** "상호 · 지점" by merchant row id, for pages that name merchants they only hold ids of. */
export async function getMerchantNames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: merchants.id, companyName: merchants.companyName, branchName: merchants.branchName })
    .from(merchants)
    .where(inArray(merchants.id, [...new Set(ids)]));
  return new Map(
    rows.map((row) => [row.id, [row.companyName ?? "(상호 없음)", row.branchName].filter(Boolean).join(" · ")]),
  );
}
