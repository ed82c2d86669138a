const won = new Intl.NumberFormat("ko-KR");

/** `₩12,340`: amounts are whole won. */
export function formatWon(amount: number): string {
  return `${amount < 0 ? "-" : ""}₩${won.format(Math.abs(amount))}`;
}
