import { EmptyList, PagedRows } from "@/components/data-table/list-page";
import { Card } from "@/components/ui/card";
import { DownloadLink } from "@/components/ui/download-link";
import { getDb } from "@/db";
import { getBillsPage } from "@/db/queries/bills";
import { billUploadColumns } from "@/lib/bills/upload-columns";
import { uploadPaths } from "@/lib/bills/upload-events";
import { type BillPageFilters, billsList } from "@/lib/dashboard/bill-filters";
import { listPage } from "../list-search";
import { BillUpload } from "./bill-upload";
import { BillsTable } from "./bills-table";

export const dynamic = "force-dynamic";
export const metadata = { title: billsList.title };

export default listPage(billsList, ({ staff, search }) => ({
  beforeToolbar: staff.role === "admin" ? <UploadCard /> : null,
  children: <BillsResults filters={search.filters} />,
}));

function UploadCard() {
  return (
    <Card title="청구서 올리기 (관리자)" className="mb-4">
      <div className="mb-4 flex flex-col gap-3 text-sm text-slate-700 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 break-keep">
          <p>
            양식의 첫 행(열 제목)을 그대로 두고 한 행에 청구서 하나씩 적어 올리세요. 먼저 미리보기로 행마다 등록될지,
            거부될지와 그 이유를 확인한 뒤 등록합니다. 이미 같은 내용으로 등록된 청구서는 건너뜁니다.
          </p>
          <p className="mt-1 text-xs text-slate-600">
            필수:{" "}
            {billUploadColumns
              .filter((column) => column.required)
              .map((column) => column.header)
              .join(", ")}
          </p>
        </div>
        <div className="flex shrink-0 gap-2">
          <DownloadLink href={`${uploadPaths.template}?format=xlsx`} tone="secondary">
            양식 (.xlsx)
          </DownloadLink>
          <DownloadLink href={`${uploadPaths.template}?format=csv`} tone="secondary">
            양식 (.csv)
          </DownloadLink>
        </div>
      </div>
      <BillUpload />
    </Card>
  );
}

async function BillsResults({ filters }: { filters: BillPageFilters }) {
  const page = await getBillsPage(await getDb(), {
    ...filters,
    memberId: filters.memberId || undefined,
    merchantId: filters.merchantId || undefined,
    billId: filters.billId || undefined,
  });
  const empty = (
    <EmptyList
      list={billsList}
      filters={filters}
      noMatch="조건에 맞는 청구서가 없습니다."
      title="아직 등록된 청구서가 없습니다."
    >
      청구서는 파트너 시스템이 <code className="font-mono">POST /api/bills</code>로 보내거나, 관리자가 이 화면에서
      엑셀·CSV로 올려 등록합니다.
    </EmptyList>
  );
  return (
    <PagedRows list={billsList} filters={filters} result={page} empty={empty}>
      <BillsTable rows={page.rows} />
    </PagedRows>
  );
}
