import Link from "next/link";
import type { ReactNode } from "react";
import { AccountMenu } from "@/app/(auth)/account-menu";
import { Nav } from "@/components/nav";
import { StickyHeader } from "@/components/sticky-header";
import { requireUser } from "@/lib/auth/session";
import { settlePageStatus } from "./page-access";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Also checked by each page: a client-side navigation re-renders the page, not this layout.
  const staff = await requireUser();
  await settlePageStatus(staff);
  return (
    <div className="lg:flex">
      <StickyHeader className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur lg:static lg:min-h-dvh lg:w-56 lg:shrink-0 lg:border-r lg:border-b-0">
        <div className="flex flex-col gap-2 px-4 py-3 lg:sticky lg:top-0 lg:gap-6 lg:py-6">
          <Link href="/" className="flex items-baseline gap-2">
            <span className="text-base font-bold tracking-tight">페이쌤 운영</span>
            <span className="text-xs text-slate-500">PaySsam partner</span>
          </Link>
          <Nav isAdmin={staff.role === "admin"} />
          <AccountMenu staff={staff} />
        </div>
      </StickyHeader>
      <main className="mx-auto w-full max-w-7xl min-w-0 px-4 py-5 lg:px-8 lg:py-8">{children}</main>
    </div>
  );
}
