import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

export const metadata: Metadata = { title: "권한이 없습니다" };

// A viewer who opens an admin-only page (403): app/(dashboard)/page-access.ts.
export default async function Forbidden() {
  // Rendered per request, not at build time: its scripts need the request's CSP nonce.
  await connection();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-lg font-bold">권한이 없습니다</h1>
      <p role="alert" className="text-sm text-slate-600">
        관리자만 볼 수 있는 화면입니다. 필요하면 관리자에게 요청하세요.
      </p>
      <Link href="/" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700">
        개요로 가기
      </Link>
    </main>
  );
}
