import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, neutraliseFormula } from "@/lib/dashboard/csv";

// CSV injection: a cell a spreadsheet could read as a formula is written as text.

/** The cell's text as a spreadsheet reads it back (one field, RFC 4180 quoting). */
function unquote(cell: string): string {
  return cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
}

describe("neutraliseFormula", () => {
  it.each([
    ['=HYPERLINK("http://evil")', "ASCII ="],
    ["+1+1", "ASCII +"],
    ["-2+3", "ASCII -"],
    ["@SUM(A1)", "ASCII @"],
    ["\uFF1D1+1", "full-width ＝"],
    ["\uFF0B1", "full-width ＋"],
    ["\uFF0D1", "full-width －"],
    ["\uFF20SUM(A1)", "full-width ＠"],
    ["   =1+1", "spaces before ="],
    ["\u3000=1+1", "an ideographic space before ="],
    ["\u00A0+1", "a no-break space before +"],
    ["\n=1+1", "a newline before ="],
    ["\r\n@cmd", "CR LF before @"],
    ["\tanything", "a leading tab"],
    ["\rplain", "a leading CR"],
    ["\nplain", "a leading LF"],
  ])("neutralises %j (%s)", (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(unquote(csvCell(text))).toBe(`'${text}`);
  });

  it.each(["신한카드", "hc-2026-0001", "12,000원", "a=b", "N12345678", " 본점", ""])("leaves %j alone", (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it("quotes commas, quotes and line breaks, and leaves numbers and empty cells plain", () => {
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(-12000)).toBe("-12000");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, null, "=x"])).toBe("a,1,,'=x\r\n");
  });

  const risky = fc.constantFrom(
    " ",
    "\t",
    "\r",
    "\n",
    "\u3000",
    "=",
    "+",
    "-",
    "@",
    "\uFF1D",
    "\uFF0B",
    "\uFF0D",
    "\uFF20",
    "a",
    ",",
    '"',
  );
  test.prop([fc.string({ unit: fc.oneof(risky, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 12 })])(
    "a cell never reads back as a formula, and never loses or changes a character",
    (text) => {
      const read = unquote(csvCell(text));
      const formulaLike = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(read) || /^[\t\r\n]/.test(read);
      expect(formulaLike).toBe(false);
      expect(read === text || read === `'${text}`).toBe(true);
    },
  );
});
