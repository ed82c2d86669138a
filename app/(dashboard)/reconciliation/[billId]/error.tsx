"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function BillTimelineError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} what="청구서 대사 이력" />;
}
