"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function ApprovalError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="결제 승인 상세" />;
}
