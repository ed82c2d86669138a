"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function BillsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} what="청구서" />;
}
