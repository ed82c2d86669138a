"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function CallbacksError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} what="콜백 수신 기록" />;
}
