/**
 * Webhooks arrive form-encoded with PHP bracket nesting (`line_items[0][product_id]=30`), as
 * PHP's http_build_query writes them: booleans become 1/0, null and empty arrays disappear.
 */
export function encodePhpForm(data: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  const walk = (key: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(`${key}[${index}]`, item);
    } else if (typeof value === "object") {
      for (const [child, item] of Object.entries(value)) walk(`${key}[${child}]`, item);
    } else if (typeof value === "boolean") {
      params.append(key, value ? "1" : "0");
    } else {
      params.append(key, String(value));
    }
  };
  for (const [key, value] of Object.entries(data)) walk(key, value);
  return params.toString();
}

type Nested = { [key: string]: string | Nested };

function toArrays(node: string | Nested): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
  if (isList) return keys.map((key) => toArrays(node[key] ?? ""));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = toArrays(node[key] ?? "");
  return out;
}

/** The inverse, like PHP filling `$_POST`: every leaf is a string. Handy for receivers in tests. */
export function decodePhpForm(body: string): Record<string, unknown> {
  const root: Nested = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]$/).filter((part, index) => index === 0 || part !== "");
    let node = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const next = node[part];
      if (typeof next === "object") node = next;
      else {
        const created: Nested = {};
        node[part] = created;
        node = created;
      }
    });
  }
  return toArrays(root) as Record<string, unknown>;
}
