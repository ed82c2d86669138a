"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function RetryDeadlinesError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="재시도 마감" />;
}
