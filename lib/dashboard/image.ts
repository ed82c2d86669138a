// PaySsam's apprSign is meant to be a base64 JPEG, but it is whatever the sender put there. It is
// drawn only when it really decodes to a JPEG or PNG: anything else (text, SVG, HTML) is never
// handed to the browser as an image.

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, index) => bytes[index] === byte);

/** A `data:` URL for a base64 JPEG/PNG, or null when the text is not one. */
export function signatureImageSrc(base64: string | null): string | null {
  if (!base64) return null;
  const compact = base64.replace(/\s+/g, "");
  if (compact.length < 12 || compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  const bytes = Buffer.from(compact, "base64");
  if (startsWith(bytes, JPEG)) return `data:image/jpeg;base64,${compact}`;
  if (startsWith(bytes, PNG)) return `data:image/png;base64,${compact}`;
  return null;
}
