"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function CallbacksError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="콜백 수신 기록" />;
}
