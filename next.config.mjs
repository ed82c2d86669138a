// On Vercel (VERCEL is set on its build machines) a function never opens the embedded database:
// db/index.ts refuses to run without DATABASE_URL there. PGlite (20 MB of wasm and data) and the
// migration files (applied by the build command, not at run time) stay out of every function.
const vercelTracing = process.env.VERCEL
  ? {
      outputFileTracingExcludes: {
        "/**": ["node_modules/@electric-sql/pglite/**", "db/migrations/**"],
      },
    }
  : {};

// Server actions: a larger body is refused (413 from proxy.ts when it says its length; Next.js
// itself stops reading at this size). lib/security/server-actions.ts holds the same number in
// bytes, and a test keeps the two in step.
export const serverActionsBodySizeLimit = "1mb";

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...vercelTracing,
  // PGlite ships wasm and must load from node_modules at run time; bundled, it breaks prerendering.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  poweredByHeader: false,
  // Browsers and crawlers ask for /favicon.ico whatever the page links to: answer with the app
  // icon (app/icon.svg) rather than a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  experimental: {
    // `next start` loads a route's code when the route is first asked for, instead of every page
    // and route at boot: PaySsam's first callback after a restart no longer waits behind the
    // dashboard's modules (server CPU before the first answer 720 → 550 ms, bench/cold-start.ts).
    // Vercel's functions never preload.
    preloadEntriesOnStart: false,
    // forbidden(): a viewer's full load of an admin-only page answers 403 (app/forbidden.tsx).
    authInterrupts: true,
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
