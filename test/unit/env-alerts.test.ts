import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { alertSettings, alertsConfigured } from "@/lib/alerts/settings";
import { env } from "@/lib/env";

// The alert settings: read once through lib/env.ts, refused at boot when they make no sense.

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("alert settings", () => {
  it("are off without ALERT_WEBHOOK_URL, and link to APP_URL before BETTER_AUTH_URL", () => {
    vi.stubEnv("ALERT_WEBHOOK_URL", "");
    expect(alertsConfigured()).toBe(false);
    expect(alertSettings()).toBeNull();

    vi.stubEnv("ALERT_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX");
    vi.stubEnv("BETTER_AUTH_URL", "https://auth.example.kr");
    vi.stubEnv("CALLBACK_TOKEN", "token-0123456789abcdef0123");
    vi.stubEnv("PAYSSAM_API_KEYS", "key-a,key-b");
    expect(alertSettings()).toEqual({
      webhookUrl: "https://hooks.slack.com/services/T000/B000/XXXX",
      origin: "https://auth.example.kr",
      unauthenticatedThreshold: 100,
      secrets: ["token-0123456789abcdef0123", "key-a", "key-b"],
    });
    vi.stubEnv("APP_URL", "https://ops.example.kr/");
    expect(alertSettings()?.origin).toBe("https://ops.example.kr");
  });

  it("refuse a webhook that is not an http(s) URL and an origin with a path", () => {
    vi.stubEnv("ALERT_WEBHOOK_URL", "hooks.slack.com/services/x");
    expect(() => env()).toThrow(/ALERT_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/);
    vi.stubEnv("ALERT_WEBHOOK_URL", "");
    vi.stubEnv("APP_URL", "https://ops.example.kr/dashboard");
    expect(() => env()).toThrow(/APP_URL must be an origin/);
  });

  test.prop([fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String))])(
    "ALERT_UNAUTHENTICATED_THRESHOLD is a whole number of at least 1, or the configuration is refused",
    (value) => {
      vi.stubEnv("ALERT_UNAUTHENTICATED_THRESHOLD", value);
      let threshold: number;
      try {
        threshold = env().ALERT_UNAUTHENTICATED_THRESHOLD;
      } catch (error) {
        expect((error as Error).message).toMatch(/ALERT_UNAUTHENTICATED_THRESHOLD/);
        return;
      }
      expect(Number.isInteger(threshold)).toBe(true);
      expect(threshold).toBeGreaterThanOrEqual(1);
      if (value.trim() === "") expect(threshold).toBe(100);
    },
  );
});
