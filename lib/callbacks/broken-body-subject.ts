// A body that is not a JSON object (cut off in transit, a stray comma) is refused, but it often
// still names its bill: `{"billId": "B-1", "apprPrice": "12` was cut after the billId. Reading
// that one member lets /retry-deadlines and /callbacks?subject= group and find the refusal under
// its bill instead of "대상 불명". Only a complete string literal counts: a value cut off inside
// its quotes is no billId. Kept to 200 characters, as a parsed body's subject is.

const billIdMember = /"(?:billId|bill_id)"\s*:\s*("(?:[^"\\]|\\.){1,1200}")/;

/** The billId a broken approval body names, or null. */
export function billIdInBrokenBody(text: string): string | null {
  const literal = billIdMember.exec(text)?.[1];
  if (!literal) return null;
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === "string" && value.trim() !== "" ? value.slice(0, 200) : null;
  } catch {
    // A raw control character or an escape JSON does not know (\x41): not a value we can name.
    return null;
  }
}
