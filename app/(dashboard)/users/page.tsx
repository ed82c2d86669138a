import type { Metadata } from "next";
import { Fragment } from "react";
import { AdminOnly } from "@/components/ui/admin-only";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isStaffRole, staffRoleLabels } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listStaffUsers } from "@/lib/auth/staff-users";
import { formatKst } from "@/lib/kst";
import { AddUserForm } from "./add-user-form";
import { UserActions } from "./user-actions";

export const metadata: Metadata = { title: "사용자 관리" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const staff = await requireUser();
  if (staff.role !== "admin") return <AdminOnly title="사용자 관리" />;
  const users = await listStaffUsers(await getDb());

  return (
    <>
      <PageHeader
        title="사용자 관리"
        description="대시보드에 로그인할 수 있는 직원 계정입니다. 관리자는 다시 처리, 알림, 사용자 관리와 감사 기록 조회까지, 조회 전용 사용자는 조회, 확인, 메모 남기기와 CSV·엑셀 내보내기를 할 수 있습니다."
      />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card title={`계정 ${users.length}개`}>
          <div className="relative -mx-4 overflow-x-auto sm:mx-0">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium sm:px-2">
                    이름 / 이메일
                  </th>
                  <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
                    역할
                  </th>
                  <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
                    상태
                  </th>
                  <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
                    만든 때 (KST)
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    <span className="sr-only">작업</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((user) => (
                  <tr key={user.id}>
                    <td className="px-4 py-2 sm:px-2">
                      <span className="block font-medium">{user.name}</span>
                      <span className="block text-xs text-slate-500">
                        <EmailAddress email={user.email} />
                      </span>
                      {/* On a phone the role and state columns fold in here, so the table fits 375 px. */}
                      <span className="mt-1 flex gap-1.5 text-xs sm:hidden">
                        {isStaffRole(user.role) ? staffRoleLabels[user.role] : user.role}
                        <UserState banned={user.banned} />
                      </span>
                    </td>
                    <td className="hidden px-2 py-2 whitespace-nowrap sm:table-cell">
                      {isStaffRole(user.role) ? staffRoleLabels[user.role] : user.role}
                    </td>
                    <td className="hidden px-2 py-2 whitespace-nowrap sm:table-cell">
                      <UserState banned={user.banned} />
                    </td>
                    <td className="hidden px-2 py-2 whitespace-nowrap tabular-nums sm:table-cell">
                      {formatKst(user.createdAt)}
                    </td>
                    <td className="px-2 py-2">
                      {user.id === staff.id ? (
                        <span className="text-xs text-slate-500">내 계정</span>
                      ) : (
                        <UserActions
                          userId={user.id}
                          email={user.email}
                          banned={user.banned}
                          role={isStaffRole(user.role) ? user.role : "viewer"}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="사용자 추가">
          <AddUserForm />
        </Card>
      </div>
    </>
  );
}

function UserState({ banned }: { banned: boolean | null }) {
  return banned ? (
    <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">비활성</span>
  ) : (
    <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">활성</span>
  );
}

/**
 * A long address breaks before its @ (the name above, the domain below), and a part too long for
 * the line before one of its dots (or after a hyphen); only a part with neither breaks anywhere.
 * Wrapped like any word it broke as "first-" / "admin@payssam.t" / "est".
 */
function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  const parts = at > 0 ? [email.slice(0, at), email.slice(at)] : [email];
  return parts.map((part) => (
    <span key={part} className="inline-block max-w-full wrap-anywhere">
      {breakableBeforeDots(part)}
    </span>
  ));
}

/** <wbr> rather than a zero-width space: a copied address has nothing added to it. */
function breakableBeforeDots(text: string) {
  let offset = 0;
  return text.split(/(?=\.)/).map((piece) => {
    const start = offset;
    offset += piece.length;
    return (
      <Fragment key={start}>
        {start > 0 ? <wbr /> : null}
        {piece}
      </Fragment>
    );
  });
}
