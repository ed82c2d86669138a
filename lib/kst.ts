// PaySsam sends times as yyyyMMddHHmmss with no zone: Korea time, UTC+9, no daylight saving.
// Korea has had no DST since 1988, so a fixed offset is exact for every date PaySsam can send.

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
const KST_OFFSET_MS = 9 * HOUR_MS;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** The instant a PaySsam `yyyyMMddHHmmss` (KST) names, or null when it is not a real date and time. */
export function parseKstCompact(value: string): Date | null {
  const match = COMPACT.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS;
  const wallClock = new Date(utcMs + KST_OFFSET_MS);
  // Date.UTC rolls 30 February over into March: a changed day means the date does not exist.
  if (wallClock.getUTCDate() !== day || wallClock.getUTCMonth() !== month - 1) return null;
  return new Date(utcMs);
}

/**
 * The instant whose UTC fields read as `instant`'s Korea wall clock: for a zone-less consumer
 * (an Excel date cell) that must show the KST time, not the UTC one.
 */
export function kstWallClock(instant: Date): Date {
  return new Date(instant.getTime() + KST_OFFSET_MS);
}

/** The wall-clock fields of an instant in Korea time. */
export function kstParts(instant: Date) {
  const wall = new Date(instant.getTime() + KST_OFFSET_MS);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** `2026-11-24 15:30:12` in Korea time. */
export function formatKst(instant: Date): string {
  const p = kstParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `2026-11-24` in Korea time. */
export function formatKstDate(instant: Date): string {
  const p = kstParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Back to PaySsam's compact form, in Korea time. */
export function toKstCompact(instant: Date): string {
  const p = kstParts(instant);
  return `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** The instant a KST calendar day (`yyyy-MM-dd`) starts, or null for a day that does not exist. */
export function kstDayStart(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return parseKstCompact(`${match[1]}${match[2]}${match[3]}000000`);
}

/** Midnight KST of the day `instant` falls on. */
export function kstMidnight(instant: Date | number): Date {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return new Date(Math.floor((ms + KST_OFFSET_MS) / DAY_MS) * DAY_MS - KST_OFFSET_MS);
}

/** The same wall-clock time `days` KST days later (earlier when negative): Korea has no DST. */
export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
