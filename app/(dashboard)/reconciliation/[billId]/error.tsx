"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function BillTimelineError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="청구서 대사 이력" />;
}
