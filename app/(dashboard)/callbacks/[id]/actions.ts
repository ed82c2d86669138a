"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action";
import { ReprocessError, reprocessDelivery } from "@/lib/callbacks/reprocess";

const wrongId = "잘못된 수신 번호입니다.";
// The id comes from the browser like any other input.
const reprocessInput = z.object({
  deliveryId: z.coerce.number({ error: wrongId }).int(wrongId).min(1, wrongId).max(Number.MAX_SAFE_INTEGER, wrongId),
});

/** The "다시 처리" button: reprocess, then show the new delivery that records the result. */
export const reprocessAction = adminAction(
  { input: reprocessInput, denied: "관리자만 다시 처리할 수 있습니다.", refuses: [ReprocessError] },
  async ({ deliveryId }, { db, audit }) => {
    const { deliveryId: newDeliveryId } = await reprocessDelivery(db, deliveryId);
    await audit({
      action: "callback_reprocessed",
      target: `#${deliveryId}`,
      details: { deliveryId, newDeliveryId },
    });
    redirect(`/callbacks/${newDeliveryId}`);
  },
);
