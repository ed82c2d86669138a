"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { after } from "next/server";
import { getDb } from "@/db";
import { requeueFailedAlert } from "@/db/queries/alert-outbox";
import { resendInputSchema } from "@/lib/alerts/page-inputs";
import { sendAlertsNow } from "@/lib/alerts/run";
import { recordRequestAction } from "@/lib/audit/record";
import { AccessDeniedError, requireAdmin, type Staff } from "@/lib/auth/session";

export interface ResendState {
  error?: string;
  done?: string;
}

/** 다시 보내기: a failed alert gets a fresh set of attempts and is posted right after the answer. */
export async function resendAlertAction(_previous: ResendState, form: FormData): Promise<ResendState> {
  let staff: Staff;
  try {
    staff = await requireAdmin();
  } catch (error) {
    if (error instanceof AccessDeniedError) return { error: "관리자만 다시 보낼 수 있습니다." };
    throw error;
  }
  const parsed = resendInputSchema.safeParse({ alertId: form.get("alertId") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "입력을 확인하세요." };
  if (!(await requeueFailedAlert(await getDb(), parsed.data.alertId))) {
    return { error: "실패한 알림이 아닙니다. 이미 다시 보냈거나 보내는 중일 수 있습니다." };
  }
  await recordRequestAction(await getDb(), await headers(), {
    action: "alert_resent",
    actor: { id: staff.id, email: staff.email },
    target: `#${parsed.data.alertId}`,
    details: { alertId: parsed.data.alertId },
  });
  after(sendAlertsNow);
  revalidatePath("/alerts");
  return { done: "다시 보내도록 대기열에 넣었습니다." };
}
