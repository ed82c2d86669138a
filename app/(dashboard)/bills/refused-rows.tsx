import type { UploadTally } from "@/lib/bills/upload-check";

// The preview's refused rows: the spreadsheet's row number (so staff can find it), the billId as
// written, and each reason in Korean.
export function RefusedRows({ tally }: { tally: UploadTally }) {
  if (tally.refusedCount === 0) return null;
  const hidden = tally.refusedCount - tally.refused.length;
  return (
    <section
      aria-labelledby="refused-rows"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-lg border border-red-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      <table className="w-full border-collapse text-sm">
        <caption id="refused-rows" className="bg-red-50 px-3 py-2 text-left text-sm font-semibold text-red-900">
          거부된 행 {tally.refusedCount.toLocaleString("ko-KR")}개
          {hidden > 0 ? ` (처음 ${tally.refused.length.toLocaleString("ko-KR")}개만 보여 줍니다)` : ""}
        </caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 whitespace-nowrap">
              행
            </th>
            <th scope="col" className="px-3 py-2 whitespace-nowrap">
              청구서 ID
            </th>
            <th scope="col" className="px-3 py-2">
              거부 사유
            </th>
          </tr>
        </thead>
        <tbody>
          {tally.refused.map((row) => (
            <tr key={`${row.rowNumber}-${row.billId}`} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 tabular-nums">{row.rowNumber.toLocaleString("ko-KR")}</td>
              <td className="px-3 py-2 font-mono text-xs break-all">{row.billId ?? "—"}</td>
              <td className="px-3 py-2 break-keep">
                <ul className="flex flex-col gap-0.5">
                  {row.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
