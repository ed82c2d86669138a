import { RecordNotFound } from "@/components/ui/record-not-found";

export default function MerchantNotFound() {
  return (
    <RecordNotFound what="이 하위가맹점" href="/merchants" list="하위가맹점 목록" searchBy="상호나 사업자등록번호로" />
  );
}
