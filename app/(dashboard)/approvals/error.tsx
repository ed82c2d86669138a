"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function ApprovalsError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="결제 승인" />;
}
