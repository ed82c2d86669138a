"use server";

import { revalidatePath } from "next/cache";
import { acknowledgeMerchant, addMerchantMemo, undoMerchantAcknowledgement } from "@/db/queries/needs-action";
import { staffAction } from "@/lib/auth/action";
import { acknowledgeInputSchema, memoInputSchema, undoAcknowledgeInputSchema } from "@/lib/dashboard/needs-action";
import { formatKst } from "@/lib/kst";

// The desk's two staff actions. Both roles may use them: viewers are operations staff too, and a
// memo or a 확인 changes nothing PaySsam sent (every one is in the audit log with who and when,
// written by the query in the same transaction).

function refreshDesk(merchantId: number) {
  revalidatePath("/needs-action");
  revalidatePath(`/merchants/${merchantId}`);
  revalidatePath("/");
}

export const acknowledgeAction = staffAction(
  { input: acknowledgeInputSchema },
  async (input, { db, staff, clientAddr }) => {
    const outcome = await acknowledgeMerchant(db, input, staff, clientAddr);
    switch (outcome.status) {
      case "acknowledged":
        refreshDesk(input.merchantId);
        return { done: "확인했습니다." };
      case "already":
        return {
          error: `이미 ${outcome.byName ?? "다른 직원"} 님이 ${outcome.at ? `${formatKst(outcome.at)}에 ` : ""}확인했습니다.`,
        };
      case "changed":
        refreshDesk(input.merchantId);
        return { error: "그사이 PaySsam에서 새 심사 결과가 왔습니다. 새로 고친 내용을 보고 다시 확인하세요." };
      case "not-waiting":
        refreshDesk(input.merchantId);
        return { error: "이 가맹점은 더 이상 반려·서류보완 상태가 아닙니다." };
      case "not-found":
        return { error: "가맹점을 찾을 수 없습니다." };
    }
  },
);

export const addMemoAction = staffAction({ input: memoInputSchema }, async (input, { db, staff, clientAddr }) => {
  const outcome = await addMerchantMemo(db, input, staff, clientAddr);
  if (outcome.status === "not-found") return { error: "가맹점을 찾을 수 없습니다." };
  refreshDesk(input.merchantId);
  return { done: "메모를 남겼습니다." };
});

/** 확인 취소: a 확인 made by mistake is taken back (audited with whose it was). */
export const undoAcknowledgeAction = staffAction(
  { input: undoAcknowledgeInputSchema },
  async (input, { db, staff, clientAddr }) => {
    const outcome = await undoMerchantAcknowledgement(db, input, staff, clientAddr);
    if (outcome.status === "not-found") return { error: "가맹점을 찾을 수 없습니다." };
    refreshDesk(input.merchantId);
    return outcome.status === "undone" ? { done: "확인을 취소했습니다." } : { error: "이미 확인이 취소되어 있습니다." };
  },
);
