/**
 * Hiboutik delivers webhooks form-encoded with PHP's bracket nesting
 * (`line_items[0][product_id]=30`, `store_address[company]=…`), as `http_build_query` writes
 * them. This reads such a body the way PHP fills `$_POST`: every leaf is a string; keys that are
 * all 0…n-1 become arrays. Bounded, because the body comes from the internet: depth, key count,
 * and no keys that would reach an object's prototype.
 */
export type PhpFormValue = string | PhpFormValue[] | { [key: string]: PhpFormValue };

export const PHP_FORM_LIMITS = { maxDepth: 6, maxFields: 2000 } as const;

export class PhpFormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PhpFormError";
  }
}

type Node = Map<string, Node | string>;

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/** `a[b][]` → ["a", "b", ""]; a key whose brackets do not pair up stays whole, as in PHP. */
function segments(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  let at = open;
  while (at < key.length) {
    if (key[at] !== "[") return [key];
    const close = key.indexOf("]", at);
    if (close < 0) return [key];
    parts.push(key.slice(at + 1, close));
    at = close + 1;
  }
  return parts;
}

export function parsePhpForm(body: string): Record<string, PhpFormValue> {
  const root: Node = new Map();
  let fields = 0;
  for (const [key, value] of new URLSearchParams(body)) {
    if (++fields > PHP_FORM_LIMITS.maxFields) {
      throw new PhpFormError(`The form has more than ${PHP_FORM_LIMITS.maxFields} fields.`);
    }
    const path = segments(key);
    if (path.length > PHP_FORM_LIMITS.maxDepth + 1) {
      throw new PhpFormError(
        `The field ${path[0]} is nested deeper than ${PHP_FORM_LIMITS.maxDepth} levels.`,
      );
    }
    if (path.some((part) => FORBIDDEN.has(part))) continue;
    let node = root;
    for (const [index, rawPart] of path.entries()) {
      // `a[]=x` appends, like PHP.
      const part = rawPart === "" && index > 0 ? String(node.size) : rawPart;
      if (index === path.length - 1) {
        node.set(part, value);
        break;
      }
      const next = node.get(part);
      if (next instanceof Map) node = next;
      else {
        const created: Node = new Map();
        node.set(part, created);
        node = created;
      }
    }
  }
  return toValue(root) as Record<string, PhpFormValue>;
}

function toValue(node: Node | string): PhpFormValue {
  if (typeof node === "string") return node;
  const keys = [...node.keys()];
  if (keys.length > 0 && keys.every((key, index) => key === String(index))) {
    return keys.map((key) => toValue(node.get(key) ?? ""));
  }
  const out: Record<string, PhpFormValue> = Object.create(null);
  for (const key of keys) out[key] = toValue(node.get(key) ?? "");
  return { ...out };
}
