import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ApprovalNotFound() {
  return (
    <EmptyState title="이 결제 승인을 찾을 수 없습니다.">
      주소의 번호가 맞는지 확인하거나{" "}
      <Link href="/approvals" className="font-medium text-blue-700 hover:underline">
        결제 승인 목록
      </Link>
      에서 billId로 찾아보세요.
    </EmptyState>
  );
}
