"use client";

import { useActionState } from "react";
import { type ReprocessState, reprocessAction } from "./actions";

export function ReprocessButton({ deliveryId }: { deliveryId: number }) {
  const [state, action, pending] = useActionState<ReprocessState>(reprocessAction.bind(null, deliveryId), {
    error: null,
  });
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-violet-700 px-4 py-2 text-sm font-medium text-white hover:bg-violet-800 disabled:opacity-60"
      >
        {pending ? "처리 중…" : "다시 처리"}
      </button>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
