"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { requeueFailedAlert } from "@/db/queries/alert-outbox";
import { resendInputSchema } from "@/lib/alerts/page-inputs";
import { sendAlertsNow } from "@/lib/alerts/run";
import { adminAction } from "@/lib/auth/action";

/** 다시 보내기: a failed alert gets a fresh set of attempts and is posted right after the answer. */
export const resendAlertAction = adminAction(
  { input: resendInputSchema, denied: "관리자만 다시 보낼 수 있습니다." },
  async ({ alertId }, { db, audit }) => {
    if (!(await requeueFailedAlert(db, alertId))) {
      return { error: "실패한 알림이 아닙니다. 이미 다시 보냈거나 보내는 중일 수 있습니다." };
    }
    await audit({ action: "alert_resent", target: `#${alertId}`, details: { alertId } });
    after(sendAlertsNow);
    revalidatePath("/alerts");
    return { done: "다시 보내도록 대기열에 넣었습니다." };
  },
);
