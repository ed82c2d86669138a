// The pages' Content-Security-Policy, made per request by proxy.ts with a fresh nonce. Next.js
// reads the nonce from this header and puts it on its own scripts; a script injected through
// data (a company name, a raw body) has no nonce and does not run, and 'strict-dynamic' ignores
// any host allow-list an attacker could aim at. Styles allow inline attributes: React and the
// chart set style="…", and a style cannot run code.
export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // data: for the approval's signature image (apprSign), drawn only from a validated base64 image.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
