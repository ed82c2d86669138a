import { env } from "@/lib/env";

// Alerts are on exactly when ALERT_WEBHOOK_URL is set. Unset, nothing is queued: an outbox that
// nobody drains would only grow, and turning alerts on later should not post a backlog of old news.

export interface AlertSettings {
  webhookUrl: string;
  /** Where links in alerts point: APP_URL, else BETTER_AUTH_URL, else none (paths only). */
  origin: string | null;
  unauthenticatedThreshold: number;
  /** Values no alert may contain: every callback token, partner token and API key. */
  secrets: string[];
}

export function alertsConfigured(): boolean {
  return env().ALERT_WEBHOOK_URL !== undefined;
}

export function alertSettings(): AlertSettings | null {
  const config = env();
  if (!config.ALERT_WEBHOOK_URL) return null;
  return {
    webhookUrl: config.ALERT_WEBHOOK_URL,
    origin: config.APP_URL ?? config.BETTER_AUTH_URL ?? null,
    unauthenticatedThreshold: config.ALERT_UNAUTHENTICATED_THRESHOLD,
    secrets: [
      ...config.CALLBACK_TOKEN,
      ...config.PAYSSAM_API_KEYS,
      ...config.PARTNER_API_TOKEN,
      ...(config.PAYSSAM_API_KEY ? [config.PAYSSAM_API_KEY] : []),
    ],
  };
}
