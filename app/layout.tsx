import type { Metadata, Viewport } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { ConfigurationError } from "@/components/configuration-error";
import { databaseConfigurationProblem } from "@/db";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "페이쌤 운영 대시보드", template: "%s · 페이쌤 운영" },
  description: "PaySsam(페이민트) 하위가맹점 심사, 결제 승인, 콜백 수신 현황",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  // On Vercel without DATABASE_URL no page can work: say so instead of failing each one.
  const problem = databaseConfigurationProblem();
  return (
    <html lang="ko">
      <body className="min-h-dvh font-sans">
        {problem ? <ConfigurationError problem={problem} /> : <NuqsAdapter>{children}</NuqsAdapter>}
      </body>
    </html>
  );
}
