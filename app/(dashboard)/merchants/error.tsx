"use client";

import { type ErrorBoundaryProps, ErrorPanel } from "@/components/ui/error-panel";

export default function MerchantsError(props: ErrorBoundaryProps) {
  return <ErrorPanel {...props} what="하위가맹점" />;
}
