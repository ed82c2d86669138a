import { z } from "zod";
import { parseTrustedProxy } from "@/lib/http/trusted-proxy";

// The one reader of process.env. Parsed lazily and re-parsed only when a value changes, so tests
// can switch tokens without a module reload. A production server's environment cannot change, so
// once it has started (settleEnv, from instrumentation.ts) requests do not even read process.env to
// check: that was some 50 reads of it per callback.

// One parser per kind of variable. An empty value counts as unset everywhere.

/** A comma-separated list, entries trimmed, empty ones dropped. */
const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** Optional text checked by `valid`; `trimSlashes` also drops a trailing "/" (an origin or a base URL). */
function optionalText(
  valid: (value: string) => boolean,
  message: string,
  { trim = true, trimSlashes = false }: { trim?: boolean; trimSlashes?: boolean } = {},
) {
  return z
    .string()
    .optional()
    .transform((raw) => {
      const value = trim ? raw?.trim() : raw;
      if (!value) return undefined;
      return trimSlashes ? value.replace(/\/+$/, "") : value;
    })
    .refine((value) => value === undefined || valid(value), { message });
}

/** A secret of at least `length` characters, with how to generate one. */
const secret = (length: number, message: string) =>
  optionalText((value) => value.length >= length, message, { trim: false });

/** An origin like https://ops.example.kr: scheme and host, no path. */
const origin = (name: string) =>
  optionalText(
    (value) => /^https?:\/\/[^/]+$/.test(value),
    `${name} must be an origin like https://ops.example.kr (no path)`,
    {
      trimSlashes: true,
    },
  );

/** An http(s) URL. */
const httpUrl = (message: string, options?: { trimSlashes: boolean }) =>
  optionalText((value) => /^https?:\/\/[^\s]+$/.test(value), message, options);

/** A number of `unit` within bounds, or `fallback` when unset. */
function numberOf(
  name: string,
  unit: string,
  rule: { whole: boolean; min?: number; max?: number; maxNote?: string; fallback: number },
) {
  const kind = `${name} must be a ${rule.whole ? "whole number" : "number"} of ${unit}`;
  let number = z.coerce.number({ message: kind });
  if (rule.whole) number = number.int(kind);
  number =
    rule.min === undefined
      ? number.positive(`${name} must be more than 0`)
      : number.min(rule.min, `${name} must be at least ${rule.min}`);
  if (rule.max !== undefined) {
    number = number.max(rule.max, `${name} must be at most ${rule.max}${rule.maxNote ? ` (${rule.maxNote})` : ""}`);
  }
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    number.default(rule.fallback),
  );
}

const optionalSecret = secret(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalText(
    (value) => /^postgres(ql)?:\/\//.test(value),
    "DATABASE_URL must start with postgres:// or postgresql://",
  ),
  // "true"/"false"; unset means: off for known transaction poolers (Neon -pooler hosts, Supabase port 6543).
  DATABASE_PREPARE: z.enum(["true", "false"]).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  PGLITE_DIR: z.string().trim().min(1).default("./.data/pglite"),
  // A comma-separated list: any entry is accepted, the first is the one to give PaySsam. Several
  // entries exist only while rotating (docs/callbacks.md: "Rotating CALLBACK_TOKEN").
  CALLBACK_TOKEN: commaList,
  PAYSSAM_API_KEYS: commaList,
  // Who may tell us the client's address (lib/http/client-address.ts): vercel, none, a hop count or header:NAME.
  TRUSTED_PROXY: z
    .string()
    .optional()
    .refine((value) => parseTrustedProxy(value, false) !== null, {
      message: "TRUSTED_PROXY must be vercel, none, a number of proxies (1–9) or header:<name>",
    }),
  // Set by Vercel on its build machines and functions.
  VERCEL: z.string().optional(),
  // Whether a browser on the server's own machine may create the first administrator without the
  // setup code (lib/auth/setup-code.ts). Unset: "skip" on the embedded database (the Quick start),
  // "require" with DATABASE_URL, where a proxy on the same machine may be forwarding anyone.
  SETUP_CODE_ON_LOCALHOST: z.enum(["skip", "require"]).optional(),
  // Vercel Cron sends it as `Authorization: Bearer <CRON_SECRET>`; unset, the cron routes refuse to run.
  CRON_SECRET: secret(16, "CRON_SECRET must be at least 16 characters (generate one with: openssl rand -hex 32)"),
  // Days an accepted or duplicate delivery keeps its raw body in the callback log (db:prune, the
  // daily cron). The delivery row, the approval and the merchant are kept whatever this says.
  RETENTION_DAYS: numberOf("RETENTION_DAYS", "days", {
    whole: true,
    min: 30,
    max: 3650,
    maxNote: "ten years",
    fallback: 180,
  }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Signs and encrypts the dashboard's session cookies. Required with DATABASE_URL in production;
  // the embedded database keeps a generated one beside its data instead (lib/auth/secret.ts).
  // AUTH_SECRET is accepted as another name for it.
  BETTER_AUTH_SECRET: optionalSecret,
  AUTH_SECRET: optionalSecret,
  // The dashboard's public origin, e.g. https://ops.example.kr: sign-in requests must come from it.
  // Unset: the origin of each request (fine behind one host name).
  BETTER_AUTH_URL: origin("BETTER_AUTH_URL"),
  // Alerts (lib/alerts/): a Slack-compatible incoming webhook. Unset: no alert is queued or sent.
  ALERT_WEBHOOK_URL: httpUrl(
    "ALERT_WEBHOOK_URL must be an http:// or https:// URL (a Slack, Discord /slack or Teams webhook)",
  ),
  // Requests with a missing or wrong callback token per clock hour above which one digest alert is sent.
  ALERT_UNAUTHENTICATED_THRESHOLD: numberOf("ALERT_UNAUTHENTICATED_THRESHOLD", "requests", {
    whole: true,
    min: 1,
    fallback: 100,
  }),
  // The dashboard's origin for links in alerts, e.g. https://ops.example.kr. Unset: BETTER_AUTH_URL.
  APP_URL: origin("APP_URL"),
  // PaySsam's API (lib/payssam/client.ts), for reconciliation: the base URL its paths hang off, e.g.
  // https://stg.paymint.co.kr/partner (staging). The production v2 host is confirmed at 검수.
  // Unset: reconciliation does nothing and says so.
  PAYSSAM_API_BASE: httpUrl(
    "PAYSSAM_API_BASE must be an http:// or https:// URL, e.g. https://stg.paymint.co.kr/partner",
    { trimSlashes: true },
  ),
  // The partner's PaySsam API key sent in each /bill/read. Never logged or stored.
  PAYSSAM_API_KEY: optionalText(() => true, ""),
  // Requests per second to PaySsam's API (default 5).
  PAYSSAM_API_RATE: numberOf("PAYSSAM_API_RATE", "requests per second", { whole: false, max: 1000, fallback: 5 }),
  // Bearer tokens of the partner's systems for POST /api/bills, comma-separated, each at least
  // 24 characters. Unset: the endpoint answers 503.
  PARTNER_API_TOKEN: commaList.refine((tokens) => tokens.every((token) => token.length >= 24), {
    message:
      "every PARTNER_API_TOKEN entry must be at least 24 characters (generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')",
  }),
  // Minutes between reconciliation passes inside `next start` (default 15).
  RECONCILE_INTERVAL_MINUTES: numberOf("RECONCILE_INTERVAL_MINUTES", "minutes", {
    whole: true,
    min: 1,
    max: 1440,
    maxNote: "a day",
    fallback: 15,
  }),
});

/** Callback tokens shorter than this are refused in production: the URL token is the only credential. */
export const minCallbackTokenLength = 24;

const checkedEnvSchema = envSchema.superRefine((config, ctx) => {
  if (config.NODE_ENV !== "production") return;
  config.CALLBACK_TOKEN.forEach((token, index) => {
    if (token.length >= minCallbackTokenLength) return;
    ctx.addIssue({
      code: "custom",
      path: ["CALLBACK_TOKEN"],
      // Which entry and how long, never the token itself: this message is logged.
      message: `entry ${index + 1} is ${token.length} characters; in production every token must be at least ${minCallbackTokenLength} (generate one with: openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')`,
    });
  });
});

export type Env = z.infer<typeof envSchema>;

const keys = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];
let cached: { fingerprint: string; env: Env } | undefined;

// On globalThis: Next.js evaluates this module once per bundle, and the route bundles must see
// what the server settled at start-up.
const settledKey = Symbol.for("payssam.settledEnv");
const settledHolder = globalThis as unknown as { [settledKey]?: Env };

export function env(): Env {
  const settled = settledHolder[settledKey];
  if (settled) return settled;
  const fingerprint = keys.map((key) => process.env[key] ?? "\u0001").join("\u0000");
  if (cached?.fingerprint === fingerprint) return cached.env;
  const parsed = checkedEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n  ${problems.join("\n  ")}`);
  }
  cached = { fingerprint, env: parsed.data };
  return parsed.data;
}

/**
 * The configuration, checked, and in production kept for the life of the process: called once by
 * the server at start-up, never by tests or scripts (whose environment changes between cases).
 */
export function settleEnv(): Env {
  const config = env();
  if (config.NODE_ENV === "production") settledHolder[settledKey] = config;
  return config;
}
