import type { DatabaseConfigurationError } from "@/db";
import { particle } from "@/lib/glossary";

/** Every page, when the deployment cannot have a database: what is missing and how to fix it. */
export function ConfigurationError({ problem }: { problem: DatabaseConfigurationError }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 px-4 py-10">
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
        <h1 className="text-lg font-bold">설정 오류: 데이터베이스가 연결되어 있지 않습니다</h1>
        <p className="mt-2 text-sm">
          이 배포에는 환경 변수 <code className="font-mono font-semibold">{problem.variable}</code>
          {particle(problem.variable, "이/가")} 설정되어 있지 않습니다. 그동안 대시보드는 열리지 않고, 페이쌤 콜백은
          503으로 답해 페이쌤이 다시 보냅니다(24시간 동안 매시간).
        </p>
        <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm">
          <li>
            Vercel 프로젝트의 <span className="font-semibold">Storage → Create Database → Neon</span>으로 데이터베이스를
            연결하거나, <span className="font-semibold">Settings → Environment Variables</span>에{" "}
            <code className="font-mono">{problem.variable}</code>(PostgreSQL 연결 문자열)을 추가하세요.
          </li>
          <li>다시 배포하세요(Deployments → Redeploy). 배포할 때 마이그레이션이 함께 적용됩니다.</li>
        </ol>
        <p className="mt-3 font-mono text-xs text-red-700">{problem.message}</p>
      </div>
    </main>
  );
}
