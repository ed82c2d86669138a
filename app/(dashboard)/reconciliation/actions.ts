"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action";
import { reconcileNow } from "@/lib/reconcile/configured";
import { reconciliationStatusLabels } from "@/lib/reconcile/statuses";

const statusNames = reconciliationStatusLabels as Record<string, string>;

/** 지금 대사: one reconciliation pass now, as the schedule would run it; audited. */
export const reconcileNowAction = adminAction(
  { input: z.object({}), denied: "관리자만 대사를 실행할 수 있습니다." },
  async (_input, { db, audit }) => {
    const outcome = await reconcileNow({ db });
    await audit({
      action: "reconciliation_run",
      target: outcome.status,
      details:
        outcome.status === "off"
          ? { status: "off" }
          : {
              status: outcome.status,
              read: outcome.read,
              failedReads: outcome.failedReads,
              durationMs: outcome.durationMs,
            },
    });
    if (outcome.status === "off") return { error: "대사가 꺼져 있어 실행하지 않았습니다. 아래 안내대로 설정하세요." };
    if (outcome.status === "busy") return { error: "다른 대사가 진행 중입니다. 끝난 뒤 다시 해 주세요." };
    revalidatePath("/reconciliation");
    const read = Object.entries(outcome.readStatuses)
      .map(([status, count]) => `${statusNames[status] ?? status} ${count}`)
      .join(", ");
    const summary = `PaySsam에서 ${outcome.read.toLocaleString("ko-KR")}건을 조회했습니다${read ? ` (${read})` : ""}.`;
    return outcome.status === "stopped"
      ? { error: `${summary} 조회가 계속 실패해 중단했습니다: ${outcome.stoppedReason ?? "알 수 없는 이유"}` }
      : { done: summary };
  },
);
