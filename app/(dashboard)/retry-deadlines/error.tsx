"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function RetryDeadlinesError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel error={error} reset={reset} what="재시도 마감" />;
}
