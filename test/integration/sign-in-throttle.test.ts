import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInThrottle } from "@/lib/auth/throttle-policy";
import { authGet, authPost, authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { setUpTestDatabase } from "../support/database";
import { browserTarget, offSiteVariants } from "../support/redirect-variants";

// Sign-in throttling, the audit of sign-ins, and what the sign-in answers carry, through the real
// /api/auth route handler. The client is the stamped TCP peer; X-Forwarded-For is what an
// attacker makes up.

const database = setUpTestDatabase();
const staffEmail = "staff@payssam.test";
let peerCounter = 0;

/** A TCP peer address no other test uses. */
function newPeer(): string {
  peerCounter += 1;
  return `198.51.${Math.floor(peerCounter / 250)}.${peerCounter % 250}`;
}

beforeEach(async () => {
  await database.query(authTables);
});

afterEach(() => {
  delete process.env.TRUSTED_PROXY;
});

/** A 429 whose Retry-After is `seconds` from the last failure, less the moments since (a slow machine hashes slowly). */
function expectWait(response: Response, seconds: number) {
  expect(response.status).toBe(429);
  const wait = Number(response.headers.get("retry-after"));
  expect(wait).toBeGreaterThan(seconds - 10);
  expect(wait).toBeLessThanOrEqual(seconds);
}

/** `client` is held back from the staff account for more than `minutes`; a client that never failed signs in. */
async function expectOnlyClientHeldBack(client: string, minutes: number) {
  const heldBack = await signInAs(staffEmail, staffPassword, client);
  expect(heldBack.status).toBe(429);
  expect(Number(heldBack.headers.get("retry-after"))).toBeGreaterThan(minutes * 60);
  expect((await signInAs(staffEmail, staffPassword, newPeer())).status).toBe(200);
}

async function auditRows() {
  return database.query<{ action: string; actor_email: string | null; client_addr: string | null; details: unknown }>(
    sql`SELECT action, actor_email, client_addr, details FROM audit_log ORDER BY id`,
  );
}

describe("per-client limits cannot be escaped with a made-up X-Forwarded-For", () => {
  it("answers 429 before the 12th failed sign-in from one client, each with a new X-Forwarded-For", async () => {
    const peer = newPeer();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await signInAs(`guess${attempt}@payssam.test`, "wrong password!", peer, {
        "x-forwarded-for": `10.${attempt}.0.1`,
        "x-real-ip": `10.${attempt}.0.2`,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, signInThrottle.requestsPerMinutePerClient)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("slows one account from one client after five failures, whatever X-Forwarded-For says", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const attacker = newPeer();
    for (let attempt = 0; attempt < signInThrottle.freeFailures; attempt++) {
      const response = await signInAs(staffEmail, `wrong password ${attempt}`, attacker, {
        "x-forwarded-for": `192.0.2.${attempt}`,
      });
      expect(response.status).toBe(401);
    }
    const slowed = await signInAs(staffEmail, staffPassword, attacker, { "x-forwarded-for": "192.0.2.99" });
    expect(slowed.status).toBe(429);
    expectWait(slowed, 60);
    expect(await slowed.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    // The wait answers alike for an address with no account: it says nothing about who exists.
    const attackerOnNobody = newPeer();
    for (let attempt = 0; attempt < signInThrottle.freeFailures; attempt++) {
      await signInAs("nobody@payssam.test", "wrong password!", attackerOnNobody);
    }
    const slowedNobody = await signInAs("nobody@payssam.test", "wrong password!", attackerOnNobody);
    expect(slowedNobody.status).toBe(429);
    expect(await slowedNobody.clone().json()).toEqual(
      await (await signInAs(staffEmail, "x".repeat(12), attacker)).json(),
    );
  });

  it("believes the proxy's own header when TRUSTED_PROXY says there is one", async () => {
    process.env.TRUSTED_PROXY = "1";
    const statuses: number[] = [];
    // Behind one proxy of ours, the entry it appended (the last) is the client: ten different clients here.
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await signInAs(`guess${attempt}@payssam.test`, "wrong password!", "10.0.0.1", {
        "x-forwarded-for": `1.2.3.4, 203.0.113.${attempt}`,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(11).fill(401));
  });
});

describe("failures from one place cannot lock staff out everywhere", () => {
  it("slows the attacker with growing delays while the real user elsewhere still signs in", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const attacker = newPeer();
    for (let attempt = 0; attempt < signInThrottle.freeFailures; attempt++) {
      expect((await signInAs(staffEmail, "guess guess guess", attacker)).status).toBe(401);
    }
    expectWait(await signInAs(staffEmail, "guess guess guess", attacker), 60);
    // The minute passes: one more guess, and the wait doubles.
    await database.query(sql`UPDATE auth_sign_in_throttle SET retry_at = now() - interval '1 second'`);
    expect((await signInAs(staffEmail, "guess guess guess", attacker)).status).toBe(401);
    expectWait(await signInAs(staffEmail, "guess guess guess", attacker), 120);

    const realUser = await signInAs(staffEmail, staffPassword, newPeer());
    expect(realUser.status).toBe(200);
    // The attacker's own wait is untouched by the real user's success.
    expect((await signInAs(staffEmail, staffPassword, attacker)).status).toBe(429);
  });

  it("under a spread-out attack, slows clients that failed on the account but not one that never did", async () => {
    await createTestUser(database.handle.db, staffEmail);
    // 50 failures in the last hour from 25 other clients.
    for (let client = 0; client < 25; client++) {
      await database.query(
        sql`INSERT INTO auth_sign_in_throttle (email, client, failures, last_failure_at, retry_at)
            VALUES (${staffEmail}, ${`203.0.113.${client}`}, 2, now() - interval '5 minutes', now())`,
      );
    }
    const typoPeer = newPeer();
    expect((await signInAs(staffEmail, "one typo here", typoPeer)).status).toBe(401);
    await expectOnlyClientHeldBack(typoPeer, 14);
  });

  it("refuses a client that failed on 30 accounts within the hour, for every account", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const sprayer = newPeer();
    for (let account = 0; account < signInThrottle.clientFailuresPerHour; account++) {
      await database.query(
        sql`INSERT INTO auth_sign_in_throttle (email, client, failures, last_failure_at, retry_at)
            VALUES (${`victim${account}@payssam.test`}, ${sprayer}, 1, now() - interval '10 minutes', now())`,
      );
    }
    await expectOnlyClientHeldBack(sprayer, 49);
  });

  it("forgives a client's typos once it signs in", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const peer = newPeer();
    for (let attempt = 0; attempt < 3; attempt++) await signInAs(staffEmail, "typo typo typo", peer);
    expect((await signInAs(staffEmail, staffPassword, peer)).status).toBe(200);
    expect(await database.query(sql`SELECT * FROM auth_sign_in_throttle WHERE email = ${staffEmail}`)).toEqual([]);
  });

  it("lets no more than five of many simultaneous guesses from one client check a password", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const peer = newPeer();
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, attempt) => signInAs(staffEmail, `parallel guess ${attempt}`, peer)),
    );
    const checked = answers.filter((response) => response.status === 401).length;
    expect(checked).toBeLessThanOrEqual(signInThrottle.freeFailures);
    expect(answers.every((response) => response.status === 401 || response.status === 429)).toBe(true);
  });
});

describe("the sign-in answers", () => {
  it("carry no session token in their JSON, only in the HttpOnly cookie", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const peer = newPeer();
    const response = await signInAs(staffEmail, staffPassword, peer);
    expect(response.status).toBe(200);
    const cookie = sessionCookie(response);
    const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ user: { email: staffEmail } });
    expect(body).not.toContain(token);
    expect(JSON.parse(body)).not.toHaveProperty("token");

    const session = await authGet("/get-session", { peer, headers: { cookie } });
    const sessionBody = await session.text();
    expect(JSON.parse(sessionBody)).toMatchObject({ user: { email: staffEmail } });
    expect(sessionBody).not.toContain(token);
  });

  it("accept a callbackURL only when it is a path of this site", async () => {
    await createTestUser(database.handle.db, staffEmail);
    for (const variant of offSiteVariants) {
      const response = await authPost(
        "/sign-in/email",
        { email: staffEmail, password: staffPassword, callbackURL: variant },
        { peer: newPeer() },
      );
      // 403 where Better Auth's own origin check refuses it first, 400 from ours.
      expect([400, 403], JSON.stringify(variant)).toContain(response.status);
      expect(response.headers.get("location"), JSON.stringify(variant)).toBeNull();
    }
    const allowed = await authPost(
      "/sign-in/email",
      { email: staffEmail, password: staffPassword, callbackURL: "/approvals?state=F" },
      { peer: newPeer() },
    );
    expect(allowed.status).toBe(200);
    expect(browserTarget(allowed.headers.get("location") ?? "", "https://ops.example.kr").href).toBe(
      "https://ops.example.kr/approvals?state=F",
    );
  });
});

describe("the audit log of signing in and out", () => {
  it("records success, each kind of failure and sign-out, with the trusted client address", async () => {
    await createTestUser(database.handle.db, staffEmail);
    const peer = newPeer();
    const spoofed = { "x-forwarded-for": "6.6.6.6" };
    await signInAs(staffEmail, "wrong password!", peer, spoofed);
    await signInAs("Nobody@PaySsam.test", "wrong password!", peer, spoofed);
    const cookie = sessionCookie(await signInAs(staffEmail, staffPassword, peer, spoofed));
    expect((await authPost("/sign-out", {}, { peer, headers: { cookie } })).status).toBe(200);
    const throttled = newPeer();
    for (let attempt = 0; attempt <= signInThrottle.freeFailures; attempt++) {
      await signInAs(staffEmail, "wrong password!", throttled);
    }

    const rows = await auditRows();
    expect(rows.slice(0, 4)).toEqual([
      {
        action: "sign_in_failed",
        actor_email: staffEmail,
        client_addr: peer,
        details: { reason: "wrong-email-or-password" },
      },
      {
        action: "sign_in_failed",
        actor_email: "nobody@payssam.test",
        client_addr: peer,
        details: { reason: "wrong-email-or-password" },
      },
      { action: "sign_in", actor_email: staffEmail, client_addr: peer, details: null },
      { action: "sign_out", actor_email: staffEmail, client_addr: peer, details: null },
    ]);
    expect(rows.at(-1)).toEqual({
      action: "sign_in_failed",
      actor_email: staffEmail,
      client_addr: throttled,
      details: { reason: "throttled", throttle: "account-client", retryAfterSeconds: expect.any(Number) },
    });
    expect(JSON.stringify(rows)).not.toContain("6.6.6.6");
  });
});
