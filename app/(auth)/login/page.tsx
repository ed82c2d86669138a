import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { safeNextPath } from "@/lib/auth/next-path";
import { getSignedInStaff } from "@/lib/auth/session";
import { isFirstAdminSetupOpen } from "@/lib/auth/staff-users";
import { FirstAdminForm } from "./first-admin-form";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "로그인" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(next) ?? "/";
  if (await getSignedInStaff()) redirect(target);
  const setupOpen = await isFirstAdminSetupOpen(await getDb());

  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-lg font-bold tracking-tight">페이쌤 운영</p>
          <p className="text-xs text-slate-500">PaySsam partner</p>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          {setupOpen ? (
            <>
              <h1 className="text-base font-semibold">첫 관리자 계정 만들기</h1>
              <p className="mt-1 mb-4 text-sm text-slate-600">
                아직 계정이 없습니다. 이 대시보드를 관리할 첫 관리자 계정을 만드세요. 이 화면은 한 번만 나타납니다.
              </p>
              <FirstAdminForm next={target} />
            </>
          ) : (
            <>
              <h1 className="mb-4 text-base font-semibold">로그인</h1>
              <LoginForm next={target} />
            </>
          )}
        </section>
      </div>
    </main>
  );
}
