import { PageHeader } from "./page-header";

/** What a viewer sees on an admin page: its title and why there is nothing else. */
export function AdminOnly({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        관리자만 볼 수 있는 화면입니다.
      </p>
    </>
  );
}
