import { RecordNotFound } from "@/components/ui/record-not-found";

export default function ApprovalNotFound() {
  return <RecordNotFound what="이 결제 승인" href="/approvals" list="결제 승인 목록" searchBy="billId로" />;
}
