import { expect, type Page } from "@playwright/test";

// Bills go in the way staff put them in: a CSV picked on the 청구서 page, previewed, then registered.

export const billCsvHeader =
  "청구서 ID (billId),회원 코드 (memberId),가맹점 코드 (merchantId),금액 (원),발행 일시 (KST),상품명";

export function billCsv(rows: (string | number)[][]): Buffer {
  return Buffer.from(`\uFEFF${billCsvHeader}\r\n${rows.map((row) => row.join(",")).join("\r\n")}\r\n`);
}

export async function previewBills(page: Page, file: Buffer, name = "bills.csv") {
  await page.goto("/bills");
  await page.getByLabel(/^파일/).setInputFiles({ name, mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "미리보기" }).click();
  await expect(page.getByRole("heading", { name: /미리보기/ })).toBeVisible({ timeout: 30_000 });
}

export async function uploadBills(page: Page, file: Buffer, accepted: number) {
  await previewBills(page, file);
  await page.getByRole("button", { name: `${accepted}건 등록` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${accepted}건을 등록했습니다` })).toBeVisible({
    timeout: 30_000,
  });
}
