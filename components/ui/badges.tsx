import type { ApprovalState, DeliveryOutcome, ReviewStatus } from "@/db/schema";
import { deliveryOutcomeLabels } from "@/lib/dashboard/labels";
import { approvalStateLabels, reviewStatusLabels } from "@/lib/payssam/codes";

const tones = {
  gray: "bg-slate-100 text-slate-700 ring-slate-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  orange: "bg-orange-50 text-orange-800 ring-orange-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  violet: "bg-violet-50 text-violet-800 ring-violet-200",
} as const;

export type Tone = keyof typeof tones;

// Status badges say the state in Korean only (short enough for a phone's card); the code PaySsam
// and the database use (R, F, rejected…) is in the title, for whoever compares with raw data.
export function Badge({ tone, code, children }: { tone: Tone; code?: string; children: React.ReactNode }) {
  return (
    <span
      title={code}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

/** A status badge with what qualifies it (삭제됨, which delivery it reprocessed) stacked beneath. */
export function BadgeWithNote({ badge, note }: { badge: React.ReactNode; note: React.ReactNode }) {
  return (
    <div className="flex flex-col items-start gap-1">
      {badge}
      {note}
    </div>
  );
}

export const reviewStatusTones: Record<ReviewStatus, Tone> = {
  N: "gray",
  W: "violet",
  P: "blue",
  R: "red",
  S: "orange",
  O: "green",
};

/** A code's badge: its tone and Korean label from the code's tables, the code itself in the title. */
function CodeBadge<Code extends string>({
  code,
  tones,
  labels,
}: {
  code: Code;
  tones: Record<Code, Tone>;
  labels: Record<Code, string>;
}) {
  return (
    <Badge tone={tones[code]} code={code}>
      {labels[code]}
    </Badge>
  );
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return <CodeBadge code={status} tones={reviewStatusTones} labels={reviewStatusLabels} />;
}

const approvalStateTones: Record<ApprovalState, Tone> = { F: "green", W: "amber", C: "gray", D: "red" };

export function ApprovalStateBadge({ state }: { state: ApprovalState }) {
  return <CodeBadge code={state} tones={approvalStateTones} labels={approvalStateLabels} />;
}

const outcomeTones: Record<DeliveryOutcome, Tone> = {
  accepted: "green",
  duplicate: "gray",
  rejected: "red",
  unauthorized: "orange",
};

export function OutcomeBadge({ outcome }: { outcome: DeliveryOutcome }) {
  return <CodeBadge code={outcome} tones={outcomeTones} labels={deliveryOutcomeLabels} />;
}
