"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { recordRequestAction } from "@/lib/audit/record";
import { AccessDeniedError, requireAdmin, type Staff } from "@/lib/auth/session";
import { ReprocessError, reprocessDelivery } from "@/lib/callbacks/reprocess";

export interface ReprocessState {
  error?: string;
}

/** The "다시 처리" button: reprocess, then show the new delivery that records the result. */
export async function reprocessAction(id: number, _previous: ReprocessState): Promise<ReprocessState> {
  let staff: Staff;
  try {
    staff = await requireAdmin();
  } catch (error) {
    if (error instanceof AccessDeniedError) return { error: "관리자만 다시 처리할 수 있습니다." };
    throw error;
  }
  // Action arguments come from the browser: check the id like any other input.
  if (!Number.isSafeInteger(id) || id < 1) return { error: "잘못된 수신 번호입니다." };
  let newDeliveryId: number;
  const db = await getDb();
  try {
    newDeliveryId = (await reprocessDelivery(db, id)).deliveryId;
  } catch (error) {
    if (error instanceof ReprocessError) return { error: error.message };
    throw error;
  }
  await recordRequestAction(db, await headers(), {
    action: "callback_reprocessed",
    actor: { id: staff.id, email: staff.email },
    target: `#${id}`,
    details: { deliveryId: id, newDeliveryId },
  });
  redirect(`/callbacks/${newDeliveryId}`);
}
