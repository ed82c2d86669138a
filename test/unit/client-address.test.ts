import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { clientAddress, maxClientAddressLength, peerAddressHeader } from "@/lib/http/client-address";
import { parseTrustedProxy } from "@/lib/http/trusted-proxy";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("TRUSTED_PROXY", () => {
  it.each([
    [undefined, false, { kind: "none" }],
    [undefined, true, { kind: "vercel" }],
    ["", true, { kind: "vercel" }],
    ["none", true, { kind: "none" }],
    ["Vercel", false, { kind: "vercel" }],
    ["2", false, { kind: "hops", hops: 2 }],
    ["header:CF-Connecting-IP", false, { kind: "header", name: "cf-connecting-ip" }],
  ])("%s (on Vercel: %s)", (value, onVercel, expected) => {
    expect(parseTrustedProxy(value, onVercel)).toEqual(expected);
  });

  it.each(["0", "10", "-1", "true", "header:", "header:x-forwarded-for", "header:a b", "x-real-ip"])(
    "refuses %s",
    (value) => {
      expect(parseTrustedProxy(value, false)).toBeNull();
    },
  );
});

describe("clientAddress", () => {
  const spoofed = { "x-forwarded-for": "198.51.100.9", "x-real-ip": "198.51.100.9" };

  it("uses the TCP peer, not a client's X-Forwarded-For, with no proxy in front", () => {
    expect(clientAddress(headers({ ...spoofed, [peerAddressHeader]: "203.0.113.7" }), { kind: "none" })).toBe(
      "203.0.113.7",
    );
    expect(clientAddress(headers({ ...spoofed, [peerAddressHeader]: "::ffff:127.0.0.1" }), { kind: "none" })).toBe(
      "127.0.0.1",
    );
    expect(clientAddress(headers(spoofed), { kind: "none" })).toBeNull();
  });

  it("uses Vercel's own header on Vercel", () => {
    const request = headers({ ...spoofed, "x-vercel-forwarded-for": "203.0.113.7" });
    expect(clientAddress(request, { kind: "vercel" })).toBe("203.0.113.7");
  });

  it("counts proxies from the right of X-Forwarded-For", () => {
    const request = headers({ "x-forwarded-for": "198.51.100.9, 203.0.113.7, 10.0.0.2" });
    expect(clientAddress(request, { kind: "hops", hops: 1 })).toBe("10.0.0.2");
    expect(clientAddress(request, { kind: "hops", hops: 2 })).toBe("203.0.113.7");
    expect(clientAddress(request, { kind: "hops", hops: 4 })).toBeNull();
  });

  it("reads a named header", () => {
    const request = headers({ ...spoofed, "cf-connecting-ip": "2001:db8::1" });
    expect(clientAddress(request, { kind: "header", name: "cf-connecting-ip" })).toBe("2001:db8::1");
  });

  it("keeps nothing that is not an address", () => {
    const long = "1".repeat(15_000);
    expect(clientAddress(headers({ "x-vercel-forwarded-for": long }), { kind: "vercel" })).toBeNull();
    expect(clientAddress(headers({ "x-vercel-forwarded-for": "<script>" }), { kind: "vercel" })).toBeNull();
  });

  test.prop([fc.string({ maxLength: 20_000 }), fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 9 })])(
    "whatever the headers say, the answer is null or a short printable token",
    (forwarded, peer, hops) => {
      const request = new Headers();
      // Headers refuse some characters outright; what a client cannot send needs no answer.
      try {
        request.set("x-forwarded-for", forwarded);
        request.set("x-vercel-forwarded-for", forwarded);
        request.set(peerAddressHeader, peer);
      } catch {
        return;
      }
      for (const trust of [
        { kind: "none" },
        { kind: "vercel" },
        { kind: "hops", hops },
        { kind: "header", name: "x-vercel-forwarded-for" },
      ] as const) {
        const address = clientAddress(request, trust);
        if (address !== null) {
          expect(address.length).toBeLessThanOrEqual(maxClientAddressLength);
          expect(address).toMatch(/^[0-9A-Za-z.:_%[\]-]+$/);
        }
      }
    },
  );
});
