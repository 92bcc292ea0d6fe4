import { describe, expect, it } from "vitest";
import { canonicalJson, contentDigest } from "../src/hash.ts";

/** The definition canonicalJson must match byte for byte: JSON.stringify with sorted keys. */
function sortedStringify(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort())
      sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

const samples: unknown[] = [
  null,
  0,
  -0,
  1.5,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  "",
  'quote " backslash \\ newline \n tab \t nul \u0000 é – 🧵 \ud800',
  [],
  {},
  [1, "two", null, undefined, () => 3, { b: 1, a: 2 }],
  { z: 1, a: { y: [3, { d: undefined, c: null }], b: "x" }, m: undefined, f: () => 1 },
  { when: new Date("2026-12-04T08:00:00Z"), nested: { toJSON: () => ({ b: 2, a: 1 }) } },
  { "10": "ten", "2": "two", b: "b", A: "A", "": "empty", é: "accent" },
];

describe("canonicalJson", () => {
  it.each(samples.map((value) => [value]))("writes %j as sorted-key JSON.stringify", (value) => {
    expect(canonicalJson(value)).toBe(sortedStringify(value) ?? "undefined");
  });

  it("leaves the omitted keys out of the top level only", () => {
    const record = { b: 1, stock: [1], a: { stock: 2, c: 3 } };
    expect(canonicalJson(record, new Set(["stock"]))).toBe('{"a":{"c":3,"stock":2},"b":1}');
  });

  it("hashes the same content the same whatever the key order", () => {
    expect(contentDigest({ a: 1, b: [{ c: 1, d: 2 }] })).toBe(
      contentDigest({ b: [{ d: 2, c: 1 }], a: 1 }),
    );
    expect(contentDigest({ a: 1 })).not.toBe(contentDigest({ a: 2 }));
  });
});
