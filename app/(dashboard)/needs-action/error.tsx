"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function NeedsActionError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} what="조치 필요 목록" />;
}
