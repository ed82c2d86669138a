import { staffRoleLabels } from "@/lib/auth/roles";
import type { Staff } from "@/lib/auth/session";
import { signOut } from "./actions";

// The dashboard shell's corner: who is signed in, and sign-out (사용자 관리 is in the navigation).
export function AccountMenu({ staff }: { staff: Staff }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 lg:flex-col lg:items-start">
      <p className="min-w-0">
        <span className="block truncate font-medium text-slate-900" title={staff.email}>
          {staff.name}
        </span>
        <span className="block truncate">
          {staff.email} · {staffRoleLabels[staff.role]}
        </span>
      </p>
      <div className="flex items-center gap-2">
        <form action={signOut}>
          <button type="submit" className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-200">
            로그아웃
          </button>
        </form>
      </div>
    </div>
  );
}
