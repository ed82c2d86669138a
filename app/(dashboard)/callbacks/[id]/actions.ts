"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { AccessDeniedError, requireAdmin } from "@/lib/auth/session";
import { ReprocessError, reprocessDelivery } from "@/lib/callbacks/reprocess";

export interface ReprocessState {
  error: string | null;
}

/** The "다시 처리" button: reprocess, then show the new delivery that records the result. */
export async function reprocessAction(id: number, _previous: ReprocessState): Promise<ReprocessState> {
  try {
    await requireAdmin();
  } catch (error) {
    if (error instanceof AccessDeniedError) return { error: "관리자만 다시 처리할 수 있습니다." };
    throw error;
  }
  // Action arguments come from the browser: check the id like any other input.
  if (!Number.isSafeInteger(id) || id < 1) return { error: "잘못된 수신 번호입니다." };
  let newDeliveryId: number;
  try {
    newDeliveryId = (await reprocessDelivery(await getDb(), id)).deliveryId;
  } catch (error) {
    if (error instanceof ReprocessError) return { error: error.message };
    throw error;
  }
  redirect(`/callbacks/${newDeliveryId}`);
}
