"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function BillsError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="청구서" />;
}
