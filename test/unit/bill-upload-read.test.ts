import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { fieldOfHeader } from "@/lib/bills/upload-columns";
import { BillUploadError, readBillUpload, type UploadedRow, uploadKindOf } from "@/lib/bills/upload-read";
import { billTemplate } from "@/lib/bills/upload-template";

// The upload reader: the template's own header, Korean CSV as Excel saves it (BOM, quotes, CP949),
// and Excel's typed cells (numbers, dates, rich text) turned into the text a bill field reads.

async function readAll(bytes: Uint8Array, kind: "csv" | "xlsx"): Promise<UploadedRow[]> {
  const rows: UploadedRow[] = [];
  for await (const batch of readBillUpload(bytes, kind)) rows.push(...batch);
  return rows;
}

const header = "청구서 ID (billId),회원 코드 (memberId),가맹점 코드 (merchantId),금액 (원),상품명";

describe("reading a bill upload", () => {
  it("finds columns by header in any order, by Korean name or API key", () => {
    expect(fieldOfHeader("청구서 ID (billId)")).toBe("billId");
    expect(fieldOfHeader("billId")).toBe("billId");
    expect(fieldOfHeader(" 청구서ID ")).toBe("billId");
    expect(fieldOfHeader("금액 (원)")).toBe("price");
    expect(fieldOfHeader("price")).toBe("price");
    expect(fieldOfHeader("비고")).toBeNull();
  });

  it("reads a UTF-8 CSV with a BOM, quoted commas and line breaks, skipping blank lines", async () => {
    const csv = `\uFEFF${header}\r\nB001,m1,0001,"12,000","수학, 영어"\r\n\r\nB002,m1,0002,5000,"두 줄
상품"\r\n`;
    const rows = await readAll(new TextEncoder().encode(csv), "csv");
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: { billId: "B001", memberId: "m1", merchantId: "0001", price: "12,000", productName: "수학, 영어" },
        problems: [],
      },
      {
        rowNumber: 3,
        values: { billId: "B002", memberId: "m1", merchantId: "0002", price: "5000", productName: "두 줄\n상품" },
        problems: [],
      },
    ]);
  });

  it("reads a CSV Korean Excel saved in CP949", async () => {
    // "청구서 ID,회원 코드,가맹점 코드,금액,상품명\r\nB9,m,1,100,교재" in CP949 bytes.
    const text = "청구서 ID,회원 코드,가맹점 코드,금액,상품명\r\nB9,m,1,100,교재\r\n";
    const cp949 = Buffer.from([...text].flatMap((character) => [...cp949Bytes(character)]));
    const rows = await readAll(cp949, "csv");
    expect(rows[0].values).toMatchObject({ billId: "B9", price: "100", productName: "교재" });
  });

  it("refuses a file without the required columns, naming them", async () => {
    const reading = readAll(new TextEncoder().encode("billId,상품명\r\nB1,x\r\n"), "csv");
    await expect(reading).rejects.toBeInstanceOf(BillUploadError);
    await expect(readAll(new TextEncoder().encode("billId,상품명\r\n"), "csv")).rejects.toThrow(
      /회원 코드 \(memberId\), 가맹점 코드 \(merchantId\), 금액 \(원\)/,
    );
    await expect(readAll(new Uint8Array(), "csv")).rejects.toThrow("파일에 내용이 없습니다");
    await expect(readAll(new TextEncoder().encode('billId,"x\r\n'), "csv")).rejects.toBeInstanceOf(BillUploadError);
  });

  it("reads the downloaded template back, and typed Excel cells as text", async () => {
    const template = await billTemplate("xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(template.bytes).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["청구서", "작성 방법"]);
    const sheet = workbook.worksheets[0];
    sheet.addRow(["B100", "m1", "0007", 12000, new Date(Date.UTC(2026, 11, 7, 10, 30, 0)), 46387, "주문1", null]);
    sheet.addRow([
      12345678901234567000, // a 20-digit code Excel stored as a number: already rounded
      "m1",
      "0007",
      1,
      null,
      null,
      null,
      { richText: [{ text: "굵은 " }, { text: "글씨" }] },
    ]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(uploadKindOf("청구서.XLSX")).toBe("xlsx");
    const rows = await readAll(bytes, "xlsx");
    expect(rows[0]).toEqual({
      rowNumber: 2,
      values: {
        billId: "B100",
        memberId: "m1",
        merchantId: "0007",
        price: "12000",
        issuedAt: "2026-12-07 10:30:00",
        expireDate: "2026-12-31",
        orderRef: "주문1",
      },
      problems: [],
    });
    expect(rows[1].problems).toEqual([
      "청구서 ID (billId): 숫자로 저장되어 자릿수가 바뀌었습니다. 셀 서식을 텍스트로 바꿔 다시 입력하세요",
    ]);
    expect(rows[1].values.productName).toBe("굵은 글씨");
  });

  it("refuses bytes that are no workbook, an empty file too (exceljs would wait on it forever)", async () => {
    await expect(readAll(new TextEncoder().encode("not a zip"), "xlsx")).rejects.toThrow(
      "엑셀 파일을 읽을 수 없습니다",
    );
    await expect(readAll(new Uint8Array(), "xlsx")).rejects.toThrow("엑셀 파일을 읽을 수 없습니다");
    const template = (await billTemplate("xlsx")).bytes;
    await expect(readAll(template.subarray(0, template.length - 30), "xlsx")).rejects.toThrow(
      "엑셀 파일을 읽을 수 없습니다",
    );
  });
});

// Node encodes no legacy encodings; the few characters the test needs, from the CP949 table.
function cp949Bytes(character: string): number[] {
  const table: Record<string, number[]> = {
    청: [0xc3, 0xbb],
    구: [0xb1, 0xb8],
    서: [0xbc, 0xad],
    회: [0xc8, 0xb8],
    원: [0xbf, 0xf8],
    코: [0xc4, 0xda],
    드: [0xb5, 0xe5],
    가: [0xb0, 0xa1],
    맹: [0xb8, 0xcd],
    점: [0xc1, 0xa1],
    금: [0xb1, 0xdd],
    액: [0xbe, 0xd7],
    상: [0xbb, 0xf3],
    품: [0xc7, 0xb0],
    명: [0xb8, 0xed],
    교: [0xb1, 0xb3],
    재: [0xc0, 0xe7],
  };
  return table[character] ?? [character.charCodeAt(0)];
}
