/** A tiny deterministic XML writer: elements, attributes and escaped text, two-space indent. */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string | null;
}

type Child = XmlElement | null | undefined | false | readonly Child[];

function flatten(children: readonly Child[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) out.push(...flatten(child));
    else out.push(child as XmlElement);
  }
  return out;
}

/** An element with children (nulls and falses are skipped, arrays flattened). */
export function el(name: string, ...children: Child[]): XmlElement {
  return { name, attributes: {}, children: flatten(children), text: null };
}

/** An element with attributes and children. */
export function elAttrs(
  name: string,
  attributes: Record<string, string>,
  ...children: Child[]
): XmlElement {
  return { name, attributes, children: flatten(children), text: null };
}

/** A text element; null text means no element at all. */
export function text(
  name: string,
  value: string | null | undefined,
  attributes: Record<string, string> = {},
): XmlElement | null {
  if (value === null || value === undefined) return null;
  return { name, attributes, children: [], text: value };
}

// XML 1.0 forbids most control characters even escaped; they never belong on an invoice.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function write(element: XmlElement, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  const attributes = Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  if (element.text !== null) {
    out.push(`${indent}<${element.name}${attributes}>${escapeXml(element.text)}</${element.name}>`);
  } else if (element.children.length === 0) {
    out.push(`${indent}<${element.name}${attributes}/>`);
  } else {
    out.push(`${indent}<${element.name}${attributes}>`);
    for (const child of element.children) write(child, depth + 1, out);
    out.push(`${indent}</${element.name}>`);
  }
}

export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join("\n")}\n`;
}
