import { ActionButton } from "@/components/ui/action-button";
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
        <ActionButton action={signOut} label="로그아웃" pendingLabel="로그아웃 중…" look="menu" />
      </div>
    </div>
  );
}
