import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function CallbackNotFound() {
  return (
    <EmptyState title="이 수신 기록을 찾을 수 없습니다.">
      주소의 번호가 맞는지 확인하거나{" "}
      <Link href="/callbacks" className="font-medium text-blue-700 hover:underline">
        콜백 수신 기록
      </Link>
      에서 찾아보세요.
    </EmptyState>
  );
}
