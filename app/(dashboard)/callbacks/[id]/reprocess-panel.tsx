import { ActionButton } from "@/components/ui/action-button";
import type { ReprocessPreview } from "@/lib/callbacks/reprocess";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import { actionWords, withParticle } from "@/lib/glossary";
import { reprocessAction } from "./actions";

/**
 * 다시 처리 says what it will do before it is done: a body today's rules would refuse again is
 * explained and not offered (it would only make another refused entry); otherwise the button asks
 * to confirm in a disclosure, which works without JavaScript.
 */
export function ReprocessPanel({
  deliveryId,
  preview,
  isAdmin,
}: {
  deliveryId: number;
  preview: ReprocessPreview;
  isAdmin: boolean;
}) {
  if (preview.status === "cannot") {
    return (
      <p className="text-sm text-slate-700" data-testid="reprocess-preview">
        {preview.reason}
      </p>
    );
  }
  if (preview.status === "refused-again") {
    return (
      <p className="text-sm text-amber-900" data-testid="reprocess-preview">
        지금 규칙으로 {actionWords.reprocess}해도 거부됩니다 ([{preview.errorCode}] {preview.reason}). 새 거부 기록만
        늘어나므로 {actionWords.reprocess}하지 않습니다. 검증 규칙이나 데이터를 고친 뒤 다시 열어 보세요.
      </p>
    );
  }
  const what = `${callbackKindLabels[preview.kind]}${preview.subject ? ` ${preview.subject}` : ""}`;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p className="text-slate-700" data-testid="reprocess-preview">
        지금 규칙으로 저장된 본문을 다시 읽으면 통과합니다: {withParticle(what, "을/를")} 저장하고, 결과는 이 기록을
        가리키는 새 수신 기록으로 남깁니다. 이 기록은 그대로 둡니다.
      </p>
      {isAdmin ? (
        <details className="group">
          <summary className="w-fit cursor-pointer rounded-md bg-violet-700 px-4 py-2 font-medium text-white hover:bg-violet-800">
            {actionWords.reprocess}…
          </summary>
          <div className="mt-3 flex flex-col gap-2 rounded-md border border-violet-200 bg-violet-50 p-3">
            <p>{withParticle(what, "을/를")} 지금 저장할까요? 감사 기록에 남습니다.</p>
            <ActionButton
              action={reprocessAction}
              fields={{ deliveryId }}
              label={`${actionWords.reprocess} 확정`}
              pendingLabel="처리 중…"
              look="violet"
            />
          </div>
        </details>
      ) : (
        <p className="text-slate-500">관리자만 {actionWords.reprocess}할 수 있습니다.</p>
      )}
    </div>
  );
}
