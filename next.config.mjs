/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm and must load from node_modules at run time; bundled, it breaks prerendering.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  poweredByHeader: false,
};

export default nextConfig;
