"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function AuditError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="감사 기록" />;
}
