"use client";

import { useEffect } from "react";
import { withParticle } from "@/lib/glossary";

/** What Next.js hands an error.tsx. */
export interface ErrorBoundaryProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** What every error.tsx shows: the failure in plain words, and a retry. */
export function ErrorPanel({ error, reset, what }: ErrorBoundaryProps & { what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h2 className="text-lg font-semibold">{withParticle(what, "을/를")} 불러오지 못했습니다.</h2>
      <p className="mt-2 text-sm">
        데이터베이스에 연결할 수 없거나 처리 중 오류가 났습니다. 잠시 후 다시 시도해 주세요. 계속되면 개발 담당자에게
        아래 오류 번호를 알려 주세요.
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-red-700">오류 번호: {error.digest}</p> : null}
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
      >
        다시 시도
      </button>
    </div>
  );
}
