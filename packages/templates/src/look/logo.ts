/** What a logo must be to go into a PDF/A file quickly: small, PNG or RGB/grey JPEG. */

export const MAX_LOGO_BYTES = 200 * 1024;

const DATA_URL = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;

export type LogoProblem = "not-a-data-url" | "too-large" | "not-png-or-jpeg" | "cmyk-jpeg";

/** Colour components of a JPEG, from its start-of-frame marker. */
function jpegComponents(bytes: Buffer): number | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return bytes[offset + 9] ?? null;
    }
    offset += 2 + length;
  }
  return null;
}

export function logoProblem(dataUrl: string): LogoProblem | null {
  const match = DATA_URL.exec(dataUrl);
  if (!match) return "not-a-data-url";
  const bytes = Buffer.from(match[2] ?? "", "base64");
  if (bytes.length > MAX_LOGO_BYTES) return "too-large";
  const png = bytes
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (match[1] === "png" ? !png : !jpeg) return "not-png-or-jpeg";
  // A CMYK image would clash with the sRGB output intent of PDF/A.
  if (jpeg && jpegComponents(bytes) === 4) return "cmyk-jpeg";
  return null;
}

export const LOGO_PROBLEMS: Readonly<Record<LogoProblem, string>> = {
  "not-a-data-url":
    'the logo is a data URL: "data:image/png;base64,…" or "data:image/jpeg;base64,…"',
  "too-large": `the logo is at most ${MAX_LOGO_BYTES / 1024} KB`,
  "not-png-or-jpeg": "the logo's bytes are not the PNG or JPEG its data URL announces",
  "cmyk-jpeg": "the logo is a CMYK JPEG: save it as RGB (PDF/A uses an sRGB profile)",
};
