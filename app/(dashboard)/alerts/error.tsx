"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function AlertsError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="알림 목록" />;
}
