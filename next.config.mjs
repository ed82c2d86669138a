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

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...vercelTracing,
  // `next start` loads a route's code when the route is first asked for, instead of every page and
  // route at boot: PaySsam's first callback after a restart no longer waits behind the dashboard's
  // modules (server CPU before the first answer 720 → 550 ms, bench/cold-start.ts). Vercel's
  // functions never preload.
  experimental: { preloadEntriesOnStart: false },
  // PGlite ships wasm and must load from node_modules at run time; bundled, it breaks prerendering.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  poweredByHeader: false,
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
      ...(process.env.NODE_ENV === "production"
        ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
        : []),
    ];
    return [
      { source: "/:path*", headers: everywhere },
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
