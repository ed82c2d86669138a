"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { acknowledgeMerchant, addMerchantMemo } from "@/db/queries/needs-action";
import { requireUser } from "@/lib/auth/session";
import { acknowledgeInputSchema, memoInputSchema } from "@/lib/dashboard/needs-action";
import { requestClientAddress } from "@/lib/http/client-address";
import { formatKst } from "@/lib/kst";

// The desk's two staff actions. Both roles may use them: viewers are operations staff too, and a
// memo or a 확인 changes nothing PaySsam sent (every one is in the audit log with who and when).

export interface DeskActionState {
  error?: string;
  done?: string;
}

function refreshDesk(merchantId: number) {
  revalidatePath("/needs-action");
  revalidatePath(`/merchants/${merchantId}`);
  revalidatePath("/");
}

export async function acknowledgeAction(_previous: DeskActionState, form: FormData): Promise<DeskActionState> {
  const staff = await requireUser();
  const parsed = acknowledgeInputSchema.safeParse({
    merchantId: form.get("merchantId") ?? undefined,
    version: form.get("version") ?? undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "입력을 확인하세요." };
  const requestHeaders = await headers();
  const outcome = await acknowledgeMerchant(await getDb(), parsed.data, staff, requestClientAddress(requestHeaders));
  switch (outcome.status) {
    case "acknowledged":
      refreshDesk(parsed.data.merchantId);
      return { done: "확인했습니다." };
    case "already":
      return {
        error: `이미 ${outcome.byName ?? "다른 직원"} 님이 ${outcome.at ? `${formatKst(outcome.at)}에 ` : ""}확인했습니다.`,
      };
    case "changed":
      refreshDesk(parsed.data.merchantId);
      return { error: "그사이 PaySsam에서 새 심사 결과가 왔습니다. 새로 고친 내용을 보고 다시 확인하세요." };
    case "not-waiting":
      refreshDesk(parsed.data.merchantId);
      return { error: "이 가맹점은 더 이상 반려·서류보완 상태가 아닙니다." };
    case "not-found":
      return { error: "가맹점을 찾을 수 없습니다." };
  }
}

export async function addMemoAction(_previous: DeskActionState, form: FormData): Promise<DeskActionState> {
  const staff = await requireUser();
  const parsed = memoInputSchema.safeParse({
    merchantId: form.get("merchantId") ?? undefined,
    body: form.get("body") ?? undefined,
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "입력을 확인하세요." };
  const requestHeaders = await headers();
  const outcome = await addMerchantMemo(await getDb(), parsed.data, staff, requestClientAddress(requestHeaders));
  if (outcome.status === "not-found") return { error: "가맹점을 찾을 수 없습니다." };
  refreshDesk(parsed.data.merchantId);
  return { done: "메모를 남겼습니다." };
}
