"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function NeedsActionError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="조치 필요 목록" />;
}
