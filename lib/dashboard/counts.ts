/** A count that stopped at its cap reads "10,000+". */
export function cappedCountText(counted: { count: number; capped: boolean }): string {
  return `${counted.count.toLocaleString("ko-KR")}${counted.capped ? "+" : ""}`;
}
