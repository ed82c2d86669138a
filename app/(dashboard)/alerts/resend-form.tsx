"use client";

import { useActionState } from "react";
import { type ResendState, resendAlertAction } from "./actions";

export function ResendForm({ alertId, label }: { alertId: number; label: string }) {
  const [state, action, pending] = useActionState<ResendState, FormData>(resendAlertAction, {});
  return (
    <form action={action} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="alertId" value={alertId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`${label} 다시 보내기`}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium whitespace-nowrap text-slate-800 hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? "보내는 중…" : "다시 보내기"}
      </button>
      {state.error ? (
        <p role="alert" className="max-w-xs text-xs break-keep text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.done ? (
        <p role="status" className="max-w-xs text-xs break-keep text-emerald-800">
          {state.done}
        </p>
      ) : null}
    </form>
  );
}
