/**
 * Whether `Accept-Encoding` lets us send gzip (RFC 9110 §12.5.3). `gzip`, `x-gzip` or `*` with a
 * non-zero q-value accept it; an explicit `gzip;q=0` refuses it even if `*` is listed. No header
 * at all means "identity only" here: RFC 9110 would allow any coding, but clients that send no
 * Accept-Encoding (plain `curl`, scripts) expect the bytes as they are.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(",")) {
    const [rawName = "", ...params] = part.split(";");
    const name = rawName.trim().toLowerCase();
    if (name !== "gzip" && name !== "x-gzip" && name !== "*") continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=");
      if (key?.trim().toLowerCase() === "q") {
        const parsed = Number(value?.trim());
        q = Number.isFinite(parsed) ? parsed : 0;
      }
    }
    if (name === "*") star = q;
    else gzip = Math.max(gzip ?? 0, q);
  }
  if (gzip !== undefined) return gzip > 0;
  return star !== undefined && star > 0;
}
