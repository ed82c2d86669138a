import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

export const metadata: Metadata = { title: "페이지를 찾을 수 없습니다" };

export default async function NotFound() {
  // Rendered per request, not at build time: its scripts need the request's CSP nonce.
  await connection();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-lg font-bold">페이지를 찾을 수 없습니다</h1>
      <p className="text-sm text-slate-600">주소가 바뀌었거나 없는 페이지입니다.</p>
      <Link href="/" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700">
        개요로 가기
      </Link>
    </main>
  );
}
