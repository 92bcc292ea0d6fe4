import type { ApiRequest } from "./transport.ts";

/** An empty body is null (DELETE answers, empty lists); anything else must be JSON. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: unknown } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** `{base}{path}?p=N`: the path is already encoded, query values are escaped here. */
export function buildUrl(baseUrl: string, request: ApiRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const query = params.toString();
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

/** Query and form values are strings on the wire. */
export function toStrings(form: Readonly<Record<string, string | number>>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([key, value]) => [key, String(value)]));
}
