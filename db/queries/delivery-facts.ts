import { type SQL, sql } from "drizzle-orm";
import type { CallbackKind, DeliveryOutcome } from "@/db/schema";

// What every callback write is given and answers (record-callback.ts and the statements beside it),
// and how their values are sent: as text, typed by casts in the statement.

export interface DeliveryFacts {
  kind: CallbackKind;
  endpoint: string;
  rawBody: string;
  bodyBytes: number;
  remoteAddr: string | null;
  subject: string | null;
  // Whether an approval's apiKey was checked against PAYSSAM_API_KEYS (reprocessing relies on it).
  apiKeyVerified: boolean;
  reprocessOf?: number | null;
  /** When it arrived; only the demo seeder backdates (never an HTTP caller): unset means now(). */
  receivedAt?: Date | null;
  /** Queue its alert in alert_outbox (alerts configured, and not a backdated demo delivery). */
  alerts?: boolean;
}

export interface RecordedDelivery {
  deliveryId: number;
  outcome: DeliveryOutcome;
  approvalId?: number | null;
  merchantId?: number | null;
}

export const jsonb = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const arrival = (delivery: DeliveryFacts) =>
  sql`coalesce(${delivery.receivedAt?.toISOString() ?? null}::timestamptz, now())`;

// Parameters are sent as text and typed by these casts, as drizzle would (dates as ISO strings,
// jsonb as its JSON text).
const castOf: Record<string, string> = {
  "timestamp with time zone": "timestamptz",
  bigint: "bigint",
  smallint: "smallint",
  jsonb: "jsonb",
};
export const encoderOf = (sqlType: string): ((value: unknown) => unknown) =>
  sqlType === "jsonb"
    ? jsonb
    : sqlType === "timestamp with time zone"
      ? (value) => (value instanceof Date ? value.toISOString() : (value ?? null))
      : (value) => value ?? null;

/** `chunk` (a value or a placeholder) typed for a column of `sqlType`. */
export function typedAs(sqlType: string, chunk: unknown): SQL {
  const cast = castOf[sqlType];
  return cast ? sql`${chunk}::${sql.raw(cast)}` : sql`${chunk}`;
}

/** A value for a column of `sqlType`: encoded as the driver should send it, then typed. */
export const columnValue = (sqlType: string) => {
  const encode = encoderOf(sqlType);
  return (value: unknown): SQL => typedAs(sqlType, encode(value));
};
