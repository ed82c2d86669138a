import Link from "next/link";
import { withParticle } from "@/lib/glossary";
import { EmptyState } from "./empty-state";

/**
 * What a detail page's not-found.tsx shows: what was not found, and the list to look in instead
 * (and by what, when the list has a search for it).
 */
export function RecordNotFound({
  what,
  href,
  list,
  searchBy,
}: {
  what: string;
  href: string;
  list: string;
  searchBy?: string;
}) {
  return (
    <EmptyState title={`${withParticle(what, "을/를")} 찾을 수 없습니다.`}>
      주소의 번호가 맞는지 확인하거나{" "}
      <Link href={href} className="font-medium text-blue-700 hover:underline">
        {list}
      </Link>
      {`에서 ${searchBy ? `${searchBy} ` : ""}찾아보세요.`}
    </EmptyState>
  );
}
