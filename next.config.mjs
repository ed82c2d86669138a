// Server actions: a larger body is refused (413 from proxy.ts when it says its length; Next.js
// itself stops reading at this size). lib/security/server-actions.ts holds the same number in
// bytes, and a test keeps the two in step.
export const serverActionsBodySizeLimit = "1mb";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm and must load from node_modules at run time; bundled, it breaks prerendering.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  poweredByHeader: false,
  experimental: {
    serverActions: {
      bodySizeLimit: serverActionsBodySizeLimit,
      // None besides the site itself: a server action posted from another origin is refused
      // (proxy.ts answers 403 before Next.js would answer 500).
      allowedOrigins: [],
    },
  },
  // On every response, static files and API answers included. Pages get their
  // Content-Security-Policy (with a per-request nonce) from proxy.ts; API answers get a
  // policy that allows nothing.
  async headers() {
    const everywhere = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      // Dashboard URLs carry billIds and business numbers: they are not sent to other sites.
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    return [
      { source: "/:path*", headers: everywhere },
      // Only over HTTPS, where it means something: Vercel and TLS-terminating proxies say so in
      // X-Forwarded-Proto (`next start` on plain http never sets it), and a browser ignores the
      // header on an http answer anyway. Never on http://localhost, where it would pin the name.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https(?:,.*)?" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
      {
        source: "/api/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
