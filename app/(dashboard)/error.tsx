"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function OverviewError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="개요" />;
}
