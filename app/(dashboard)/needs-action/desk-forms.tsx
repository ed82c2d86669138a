"use client";

import { useActionState, useEffect, useRef } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { FormAlert } from "@/components/ui/form-controls";
import { memoMaxLength } from "@/lib/dashboard/needs-action";
import { acknowledgeAction, addMemoAction, type DeskActionState } from "./actions";

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

export function MemoForm({ merchantId }: { merchantId: number }) {
  const [state, action, pending] = useActionState<DeskActionState, FormData>(addMemoAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.done) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="flex flex-col gap-2">
      <input type="hidden" name="merchantId" value={merchantId} />
      <label className="flex flex-col gap-1 text-sm font-medium">
        메모
        <textarea
          name="body"
          required
          maxLength={memoMaxLength}
          rows={3}
          placeholder="예: 대표자와 통화함. 사업자등록증 사본을 금요일까지 다시 보내기로 함."
          className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal break-keep focus:border-slate-900 focus:outline-none sm:text-sm"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {pending ? "저장 중…" : "메모 남기기"}
        </button>
        {state.done ? (
          <p role="status" className="text-sm text-emerald-700">
            {state.done}
          </p>
        ) : null}
      </div>
      <FormAlert message={state.error} />
    </form>
  );
}
