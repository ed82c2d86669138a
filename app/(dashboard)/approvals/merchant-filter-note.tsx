import Link from "next/link";

// Shown while /approvals lists one merchant's approvals (from its page): which one, and the way back
// to every approval. Approvals carry no merchant; its bills tie them to it.
export function MerchantFilterNote({
  memberId,
  merchantId,
  clearHref,
}: {
  memberId: string;
  merchantId: string;
  clearHref: string;
}) {
  return (
    <p className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-950">
      <span className="break-keep">
        가맹점{" "}
        <span className="font-mono">
          {memberId} / {merchantId}
        </span>
        의 청구서로 받은 승인만 보고 있습니다.
      </span>
      <Link href={clearHref} className="font-medium text-blue-700 hover:underline">
        모든 가맹점 보기
      </Link>
    </p>
  );
}
