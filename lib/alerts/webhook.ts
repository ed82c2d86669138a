import type { WebhookBody } from "./messages";

// One POST to the webhook. A webhook that hangs is cut off, so a sender never waits on it for long.

export const webhookTimeoutMs = 5_000;

export type WebhookResult = { ok: true } | { ok: false; error: string };

export type PostWebhook = (url: string, body: WebhookBody) => Promise<WebhookResult>;

export const postWebhook: PostWebhook = async (url, body) => {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(webhookTimeoutMs),
      redirect: "error",
    });
    // Slack answers "ok"; what the others answer is not needed, but is read so the socket is freed.
    const answer = (await response.text()).slice(0, 200);
    if (response.ok) return { ok: true };
    return { ok: false, error: `HTTP ${response.status}${answer ? `: ${answer}` : ""}` };
  } catch (error) {
    const reason = error as Error;
    if (reason.name === "TimeoutError") return { ok: false, error: `${webhookTimeoutMs / 1000}초 안에 응답 없음` };
    return { ok: false, error: reason.message || String(error) };
  }
};
