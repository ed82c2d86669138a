import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function MerchantNotFound() {
  return (
    <EmptyState title="이 하위가맹점을 찾을 수 없습니다.">
      주소의 번호가 맞는지 확인하거나{" "}
      <Link href="/merchants" className="font-medium text-blue-700 hover:underline">
        하위가맹점 목록
      </Link>
      에서 상호나 사업자등록번호로 찾아보세요.
    </EmptyState>
  );
}
