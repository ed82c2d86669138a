"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/ui/form-controls";
import { type DemoSeedState, seedDemoAction } from "./demo-actions";

export function DemoSeedButton() {
  const [state, action, pending] = useActionState<DemoSeedState>(seedDemoAction, {});
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "데모 데이터를 넣는 중…" : "데모 데이터 넣기"}
      </button>
      {pending ? (
        <p role="status" className="text-sm text-slate-600">
          가맹점 300곳과 결제 승인 3,000건을 실제 콜백과 같은 경로로 넣고 있습니다. 1분 안팎 걸립니다.
        </p>
      ) : null}
      <FormAlert message={state.error} />
    </form>
  );
}
