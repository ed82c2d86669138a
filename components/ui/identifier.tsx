/**
 * A code that reads as one token (billId, memberId, merchantId): never broken at its own hyphens,
 * as a browser would break "clinic-member-853202". `truncate`: one line, cut with an ellipsis,
 * the whole value in the title (list cards); otherwise it wraps only where the line is full.
 */
export function Identifier({ value, truncate = false }: { value: string; truncate?: boolean }) {
  if (truncate) {
    return (
      <span title={value} className="block min-w-0 truncate font-mono">
        {value}
      </span>
    );
  }
  return <span className="font-mono break-all">{value}</span>;
}
