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
    // CSV also marks a formula start after a line break inside the cell (issue 18, finding 7).
    expect(unquote(csvCell(text))).toBe(`'${text.replace(/([\r\n])(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/gu, "$1'")}`);
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
    "a cell never reads back as a formula, and only apostrophes are added to it",
    (text) => {
      const read = unquote(csvCell(text));
      const formulaLike = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(read) || /^[\t\r\n]/.test(read);
      expect(formulaLike).toBe(false);
      const unprefixed = (cell: string) => cell.replace(/^'/, "").replace(/([,;\t\r\n])'/g, "$1");
      expect(unprefixed(read)).toBe(unprefixed(text));
    },
  );
});

/** Fields of one CSV record as a spreadsheet with `separator` as its list separator reads them (RFC 4180). */
function parseRecord(line: string, separator: string): string[] {
  const fields: string[] = [];
  let index = 0;
  while (index <= line.length) {
    let field = "";
    if (line[index] === '"') {
      index++;
      while (index < line.length) {
        if (line[index] === '"' && line[index + 1] === '"') {
          field += '"';
          index += 2;
        } else if (line[index] === '"') {
          index++;
          break;
        } else {
          field += line[index++];
        }
      }
    }
    while (index < line.length && line[index] !== separator) field += line[index++];
    fields.push(field);
    index++;
  }
  return fields;
}

const formulaLike = (field: string) => /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(field) || /^[\t\r]/.test(field);

describe("CSV read with any locale's list separator (issue 18, finding 7)", () => {
  it.each([
    ["x;=1+2;", '"x;\'=1+2;"'],
    ["a\t@SUM(A1)", '"a\t\'@SUM(A1)"'],
    ["plain;text", '"plain;text"'],
    ["x, -1", '"x,\' -1"'],
  ])("quotes %j and neutralises what follows a separator", (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  const unit = fc.oneof(
    fc.constantFrom(",", ";", "\t", "\r", "\n", '"', " ", "=", "+", "-", "@", "\uFF1D", "\u3000", "'"),
    fc.string({ minLength: 1, maxLength: 1 }),
  );
  test.prop([fc.array(fc.string({ unit, maxLength: 10 }), { minLength: 1, maxLength: 4 })])(
    "no field reads as a formula whether split at , or ;, and , gives every cell back",
    (cells) => {
      const line = csvLine(cells).slice(0, -2);
      // Line breaks inside a quoted cell belong to it; a reader that splits lines first sees pieces.
      for (const separator of [",", ";"]) {
        for (const piece of line.split(/\r\n|\r|\n/)) {
          for (const field of parseRecord(piece, separator))
            expect(formulaLike(field), JSON.stringify(field)).toBe(false);
        }
      }
      const fields = parseRecord(line, ",");
      expect(fields).toHaveLength(cells.length);
      // Only apostrophes are added, at the start or after a separator: without them, every cell is back.
      const unprefixed = (text: string) => text.replace(/^'/, "").replace(/([,;\t\r\n])'/g, "$1");
      fields.forEach((field, index) => {
        expect(unprefixed(field)).toBe(unprefixed(cells[index]));
      });
    },
  );
});
