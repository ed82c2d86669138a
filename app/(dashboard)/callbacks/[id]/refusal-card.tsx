import { Card } from "@/components/ui/card";
import type { CallbackDelivery } from "@/db/schema";
import { explainRefusal } from "@/lib/payssam/refusal-explanations";

/** Why the receiver refused a delivery, in Korean; the answer PaySsam got is kept below as sent. */
export function RefusalCard({ delivery }: { delivery: CallbackDelivery }) {
  const explanation = explainRefusal({
    errorCode: delivery.errorCode,
    errorMessage: delivery.errorMessage,
    errors: delivery.errors,
    rawBody: delivery.rawBody,
    bodyBytes: delivery.bodyBytes,
  });
  return (
    <Card title="거부 사유">
      <div data-testid="refusal-explanation" className="break-keep wrap-anywhere">
        <p className="text-sm font-medium text-red-900">
          <span className="font-mono">[{delivery.errorCode}]</span> {explanation.headline}
        </p>
        {explanation.detail ? <p className="mt-1 text-sm text-red-800">{explanation.detail}</p> : null}
        {explanation.fields.length > 0 ? (
          <ul className="mt-3 divide-y divide-red-100 rounded-md border border-red-200 bg-red-50">
            {explanation.fields.map((field, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a refusal may name one path twice
              <li key={index} className="px-3 py-2 text-sm text-red-900">
                <p>{field.problem}</p>
                {field.received !== null ? (
                  <p className="mt-0.5 text-red-800">
                    받은 값: <span className="font-mono">{field.received}</span>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <details className="mt-3 text-sm text-slate-600">
        <summary className="cursor-pointer select-none">PaySsam에 보낸 답 (영문 원문)</summary>
        <div className="mt-2 wrap-anywhere">
          {delivery.errorMessage ? <p className="font-mono text-xs">{delivery.errorMessage}</p> : null}
          {delivery.errors && delivery.errors.length > 0 ? (
            <ul className="mt-2 space-y-1">
              {delivery.errors.map((error, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: errors have no identity of their own
                <li key={index} className="font-mono text-xs">
                  <span className="font-semibold">{error.path || "(본문)"}</span> {error.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </details>
    </Card>
  );
}
