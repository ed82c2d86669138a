import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { Badge, type Tone } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { choicesWithAll, TabStrips, tabStrip } from "@/components/ui/pill-tabs";
import { getDb } from "@/db";
import { alertListLimit, getAlertStatusCounts, getAlerts } from "@/db/queries/alert-outbox";
import { type Alert, type AlertStatus, alertStatus } from "@/db/schema";
import { alertKindLabels, alertStatusLabels } from "@/lib/alerts/labels";
import { type AlertFilters, alertsList } from "@/lib/alerts/page-inputs";
import { maxAttempts } from "@/lib/alerts/sender";
import { alertSettings } from "@/lib/alerts/settings";
import { particle } from "@/lib/glossary";
import { formatKst } from "@/lib/kst";
import { listPage } from "../list-search";
import { resendAlertAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: alertsList.title };

export default listPage(alertsList, ({ search }) => ({
  top: <WebhookStatus />,
  children: <AlertResults filters={search.filters} />,
}));

function WebhookStatus() {
  const settings = alertSettings();
  if (!settings) {
    return (
      <p
        data-testid="webhook-status"
        className="mb-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-sm break-keep text-slate-800"
      >
        <strong>웹훅 꺼짐.</strong> ALERT_WEBHOOK_URL이 설정되지 않아 알림을 만들지도 보내지도 않습니다. 설정하면 그
        뒤에 생긴 일부터 알립니다.
      </p>
    );
  }
  // The webhook's address is itself a credential (anyone holding it can post): only its host is shown.
  return (
    <p
      data-testid="webhook-status"
      className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm break-keep text-emerald-900"
    >
      <strong>웹훅 켜짐.</strong> <span className="font-mono">{new URL(settings.webhookUrl).host}</span>
      {particle(new URL(settings.webhookUrl).host, "으로/로")} 보냅니다. 실패하면 30초부터 두 배씩 늘려 {maxAttempts}
      번까지 시도합니다.
    </p>
  );
}

const statusTones: Record<AlertStatus, Tone> = { pending: "amber", sent: "green", failed: "red" };

async function AlertResults({ filters }: { filters: AlertFilters }) {
  const db = await getDb();
  const [alerts, counts] = await Promise.all([getAlerts(db, filters.status), getAlertStatusCounts(db)]);
  const total = counts.pending + counts.sent + counts.failed;
  const choices = choicesWithAll(
    total,
    alertStatus.enumValues,
    (status) => alertStatusLabels[status],
    (status) => counts[status],
  );
  return (
    <>
      <TabStrips
        strips={[
          tabStrip({
            label: "알림 상태",
            choices,
            current: filters.status,
            href: (status) => alertsList.link({ status }),
          }),
        ]}
      />
      {alerts.length === 0 ? (
        <EmptyState title={filters.status ? "이 상태의 알림이 없습니다." : "아직 알림이 없습니다."}>
          가맹점이 반려·서류보완되거나 콜백을 거부하면 여기에 기록됩니다.
        </EmptyState>
      ) : (
        <ul aria-label="알림" className="grid gap-3">
          {alerts.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
      {alerts.length === alertListLimit ? (
        <p className="mt-3 text-xs text-slate-500">최근 {alertListLimit}건만 보여 줍니다.</p>
      ) : null}
    </>
  );
}

function subjectHref(alert: Alert): string | null {
  if (alert.kind === "review_status") return alert.merchantId ? `/merchants/${alert.merchantId}` : null;
  if (alert.kind === "unauthenticated") return "/callbacks?outcome=unauthorized";
  return "/retry-deadlines";
}

function AlertItem({ alert }: { alert: Alert }) {
  const href = subjectHref(alert);
  const label = `${alertKindLabels[alert.kind]} ${alert.subject ?? ""}`.trim();
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="alert">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={statusTones[alert.status]}>{alertStatusLabels[alert.status]}</Badge>
            <span className="font-medium break-keep">{alertKindLabels[alert.kind]}</span>
            {alert.subject ? (
              href ? (
                <Link href={href} className="font-mono text-sm wrap-anywhere text-blue-700 hover:underline">
                  {alert.subject}
                </Link>
              ) : (
                <span className="font-mono text-sm wrap-anywhere">{alert.subject}</span>
              )
            ) : null}
          </div>
          <p
            className="mt-2 line-clamp-3 text-sm break-keep wrap-anywhere whitespace-pre-line text-slate-800"
            title={alert.text ?? undefined}
          >
            {alert.text ?? <span className="text-slate-400">(아직 보내지 않음)</span>}
          </p>
          {alert.lastError ? (
            <p className="mt-2 text-xs break-keep wrap-anywhere text-red-700">마지막 오류: {alert.lastError}</p>
          ) : null}
        </div>
        <div className="flex shrink-0 flex-row flex-wrap items-start justify-between gap-3 text-xs text-slate-600 sm:w-60 sm:flex-col sm:items-end sm:text-right">
          <dl className="grid grid-cols-[auto_auto] gap-x-2 gap-y-0.5 sm:justify-end">
            <dt>생성</dt>
            <dd className="whitespace-nowrap tabular-nums">{formatKst(alert.createdAt)}</dd>
            {alert.sentAt ? (
              <>
                <dt>보냄</dt>
                <dd className="whitespace-nowrap tabular-nums">{formatKst(alert.sentAt)}</dd>
              </>
            ) : alert.status === "pending" ? (
              <>
                <dt>다음 시도</dt>
                <dd className="whitespace-nowrap tabular-nums">{formatKst(alert.nextAttemptAt)}</dd>
              </>
            ) : null}
            <dt>시도</dt>
            <dd className="whitespace-nowrap tabular-nums">
              {alert.attempts}/{maxAttempts}회
            </dd>
          </dl>
          {alert.status === "failed" ? (
            <ActionButton
              action={resendAlertAction}
              fields={{ alertId: alert.id }}
              label="다시 보내기"
              pendingLabel="보내는 중…"
              accessibleName={`${label} 다시 보내기`}
            />
          ) : null}
        </div>
      </div>
    </li>
  );
}
