import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { safeNextPath } from "@/lib/auth/next-path";
import { getSignedInStaff } from "@/lib/auth/session";
import { ensureSetupCode, firstAdminNeedsSetupCode } from "@/lib/auth/setup-code";
import { isFirstAdminSetupOpen } from "@/lib/auth/staff-users";
import { FirstAdminForm } from "./first-admin-form";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "로그인" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(Array.isArray(next) ? next[0] : next) ?? "/";
  if (await getSignedInStaff()) redirect(target);
  const db = await getDb();
  const setupOpen = await isFirstAdminSetupOpen(db);
  const needsSetupCode = setupOpen && firstAdminNeedsSetupCode(await headers());
  // A code that expired while the server ran is replaced (and printed) now.
  if (needsSetupCode) await ensureSetupCode(db);

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
              {needsSetupCode ? (
                <div className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
                  <p>
                    이 서버를 운영하는 사람인지 확인하기 위해 <strong>설정 코드</strong>가 필요합니다. 서버가 시작할 때
                    로그에 <code className="font-mono text-xs">setup code</code>와 함께 출력합니다 (한 번만 쓸 수 있고
                    24시간 뒤 바뀝니다).
                  </p>
                  <p className="mt-1 text-xs text-slate-500">
                    로그를 볼 수 없으면 서버에서 <code className="font-mono">npm run user:create</code>로 계정을
                    만드세요.
                  </p>
                </div>
              ) : null}
              <FirstAdminForm next={target} needsSetupCode={needsSetupCode} />
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
