/** A row id from a URL segment, or null for anything that is not a positive integer (→ 404, not 500). */
export function parseId(segment: string): number | null {
  if (!/^\d{1,15}$/.test(segment)) return null;
  const id = Number(segment);
  return id >= 1 ? id : null;
}
