"use client";

import { ActionButton } from "@/components/ui/action-button";
import { FieldError, SubmitButton, useActionForm } from "@/components/ui/action-form";
import { FormAlert } from "@/components/ui/form-controls";
import { memoMaxLength } from "@/lib/dashboard/needs-action";
import { actionWords } from "@/lib/glossary";
import { acknowledgeAction, addMemoAction, undoAcknowledgeAction } from "./actions";

/** 확인: this staff member has seen the merchant's current review and is on it. */
export function AcknowledgeForm({
  merchantId,
  version,
  label,
}: {
  merchantId: number;
  version: string;
  label: string;
}) {
  return (
    <ActionButton
      action={acknowledgeAction}
      fields={{ merchantId, version }}
      label="확인"
      pendingLabel="확인 중…"
      accessibleName={`${label} 확인`}
    />
  );
}

/** 확인 취소: takes a 확인 back; the merchant shows as unseen on 조치 필요 again. */
export function UndoAcknowledgeForm({ merchantId, label }: { merchantId: number; label: string }) {
  return (
    <ActionButton
      action={undoAcknowledgeAction}
      fields={{ merchantId }}
      label={actionWords.undoAcknowledge}
      pendingLabel="취소 중…"
      accessibleName={`${label} ${actionWords.undoAcknowledge}`}
    />
  );
}

export function MemoForm({ merchantId }: { merchantId: number }) {
  const memo = useActionForm(addMemoAction, ["body"]);
  return (
    <form action={memo.formAction} className="flex flex-col gap-2">
      <input type="hidden" name="merchantId" value={merchantId} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        메모
        <textarea
          {...memo.field("body")}
          required
          maxLength={memoMaxLength}
          rows={3}
          placeholder="예: 대표자와 통화함. 사업자등록증 사본을 금요일까지 다시 보내기로 함."
          className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal break-keep focus:border-slate-900 focus:outline-none sm:text-sm"
        />
      </label>
      <FieldError {...memo.fieldError("body")} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton label="메모 남기기" pendingLabel="저장 중…" />
        {memo.state.done ? (
          <p role="status" className="text-sm text-emerald-700">
            {memo.state.done}
          </p>
        ) : null}
      </div>
      <FormAlert message={memo.formError} />
    </form>
  );
}
