"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function ReconciliationError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="대사" />;
}
