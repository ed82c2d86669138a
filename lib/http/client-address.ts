import { env } from "@/lib/env";
import { parseTrustedProxy, type TrustedProxy } from "./trusted-proxy";

// Who sent a request, from a source the client cannot choose. Used by the callback log and by
// sign-in throttling, so both agree on what "one client" is.
//
// A client can put anything in X-Forwarded-For, and `next start` keeps what it sent (Next.js only
// fills the header in when it is absent), so the header is believed only as far as
// TRUSTED_PROXY says a proxy of ours wrote it:
//   vercel       x-vercel-forwarded-for, which Vercel's edge sets and no client can
//                (the default when VERCEL is set)
//   none         the TCP peer (the default elsewhere), stamped on the request at start-up by
//                instrumentation.ts as peerAddressHeader
//   1, 2, …      that many proxies of ours append to X-Forwarded-For: the entry that many places
//                from the right is the address the outermost one saw (nginx, a load balancer)
//   header:NAME  a header your proxy sets and overwrites (header:cf-connecting-ip)

export const peerAddressHeader = "x-payssam-peer-address";

export const maxClientAddressLength = 64;

/** The client's address as the trusted source gives it, at most 64 characters; null when unknown. */
export function clientAddress(headers: Headers, trust: TrustedProxy): string | null {
  switch (trust.kind) {
    case "vercel":
      return firstListed(headers.get("x-vercel-forwarded-for"));
    case "none":
      return cleanAddress(headers.get(peerAddressHeader));
    case "header":
      return firstListed(headers.get(trust.name));
    case "hops": {
      const forwarded = (headers.get("x-forwarded-for") ?? "").split(",");
      // Fewer entries than proxies: the request did not come through them all; say so rather than
      // believe the leftmost entry, which the client wrote.
      if (forwarded.length < trust.hops) return null;
      return cleanAddress(forwarded[forwarded.length - trust.hops]);
    }
  }
}

function firstListed(value: string | null): string | null {
  return cleanAddress(value?.split(",")[0] ?? null);
}

// IPv4, IPv6 (with an optional zone and an IPv4 tail) or an obfuscated nginx-style identifier: a
// printable token with no spaces. Anything else is not an address and is not kept.
const addressToken = /^[0-9A-Za-z.:_%[\]-]+$/;

function cleanAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "" || trimmed.length > maxClientAddressLength || !addressToken.test(trimmed)) return null;
  // ::ffff:127.0.0.1 is how Node reports an IPv4 peer on a dual-stack socket.
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed;
}

/** The client address of a request, with the deployment's TRUSTED_PROXY setting. */
export function requestClientAddress(headers: Headers): string | null {
  const config = env();
  return clientAddress(headers, parseTrustedProxy(config.TRUSTED_PROXY, Boolean(config.VERCEL)) ?? { kind: "none" });
}
