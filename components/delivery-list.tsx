import Link from "next/link";
import { OutcomeBadge } from "@/components/ui/badges";
import { callbackKindLabels } from "@/lib/dashboard/labels";
import type { CallbackDeliveryListRow } from "@/lib/dashboard/refusals";
import { actionWords, withParticle } from "@/lib/glossary";
import { formatKst } from "@/lib/kst";

/** A short list of callback deliveries, each linking to its detail in the callback log. */
export function DeliveryList({ deliveries, empty }: { deliveries: CallbackDeliveryListRow[]; empty: string }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {deliveries.map((delivery) => (
        <li
          key={delivery.id}
          className="flex flex-col gap-1 py-2.5 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-3"
        >
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`/callbacks/${delivery.id}`}
              className="font-mono text-sm font-medium text-blue-700 hover:underline"
            >
              #{delivery.id}
            </Link>
            <OutcomeBadge outcome={delivery.outcome} />
            <span className="text-xs text-slate-500">{callbackKindLabels[delivery.kind]}</span>
            <ReprocessedFrom deliveryId={delivery.reprocessOf} />
          </div>
          <span className="text-sm whitespace-nowrap text-slate-600 tabular-nums sm:ml-auto">
            {formatKst(delivery.receivedAt)}
          </span>
          {delivery.refusalSummary ? (
            <p className="line-clamp-2 text-xs break-keep text-red-700 sm:order-last sm:basis-full">
              {delivery.refusalSummary}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** "#12를 다시 처리": the delivery a reprocessing result came from. */
export function ReprocessedFrom({ deliveryId }: { deliveryId: number | null }) {
  if (!deliveryId) return null;
  return (
    <span className="text-xs text-violet-700">
      {withParticle(`#${deliveryId}`, "을/를")} {actionWords.reprocess}
    </span>
  );
}

/** The link to one callback delivery in the log: "수신 #12". */
export function DeliveryLink({
  deliveryId,
  className = "font-mono text-xs text-blue-700 hover:underline",
}: {
  deliveryId: number;
  className?: string;
}) {
  return (
    <Link href={`/callbacks/${deliveryId}`} className={className}>
      수신 #{deliveryId}
    </Link>
  );
}
