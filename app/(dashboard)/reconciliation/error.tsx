"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ReconciliationError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel error={error} reset={reset} what="대사" />;
}
