import { describe, expect, it } from "vitest";
import { normalizeUrl } from "../src/model/link.ts";
import { plainHttpUrl } from "../src/model/plain-url.ts";
import { trimmedText } from "../src/text/clean.ts";
import { isXmlSafe, repairCharacters } from "../src/text/xml-chars.ts";

// The hot path skips `new URL`, a /u regex and `trim` when it can tell the answer without them;
// these tests hold each shortcut to the answer of the general code it stands in for.

const URLS = [
  "https://shop.example/p/ref-1?size=M",
  "https://cdn.shop.example/img/1/big_1-1.jpg",
  "http://a.example/x",
  "https://a.example",
  "https://a.example?x",
  "https://a.example:8080/x.png",
  "https://1.2.3/x",
  "https://a.example/%2e/x.jpg",
  "https://a.example/x/..",
  "https://a.example/x/../y.jpg",
  "https://a..example/x",
  "https://xn--caf-dma.example/x",
  "https://a.example/x#frag",
  "https://a.example/%zz.jpg",
  "https://a.example/a:b@c",
  "https://a.example/x?q=1 2",
  "https://a.example/é.jpg",
  "https://a.example//x.jpg",
  "https://a.example/x?a=b&c=d,e",
  "https://a.example/x'y",
  "HTTPS://a.example/x",
  "https://A.example/x",
  "https://user:pw@a.example/x",
  "https://a.example/x\\y",
  "https://a.example/x\ty",
  "ftp://a.example/x",
  "not a url",
];

describe("plain URL shortcut", () => {
  it.each(URLS)("gives what new URL gives for %j", (text) => {
    const plain = plainHttpUrl(text);
    if (plain === null) return; // the general parser decides
    const url = new URL(text);
    expect(plain.protocol).toBe(url.protocol);
    expect(plain.hostname).toBe(url.hostname);
    expect(plain.pathname).toBe(url.pathname);
    if (plain.canonical) expect(url.href).toBe(text);
  });

  it("normalizes image URLs as the WHATWG parser does", () => {
    for (const text of URLS) {
      let expected: string | null = null;
      try {
        const url = new URL(text.trim());
        if (url.protocol === "http:" || url.protocol === "https:")
          expected = url.href.replace(/,/g, "%2C");
      } catch {
        expected = null;
      }
      expect(normalizeUrl(text)).toBe(expected);
      expect(normalizeUrl(`  ${text}\n`)).toBe(expected);
    }
  });
});

describe("character scans without the /u flag", () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the reference is the point.
  const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u200B\u2060\uFEFF]|\p{Cs}/gu;
  const SAMPLES = [
    "plain text",
    "emoji 😀 ok 🌿",
    "lone high \uD800 inside",
    "lone high at the end \uD83D",
    "\uDC00 lone low first",
    "pair then low \uD83D\uDE00\uDE00",
    "two highs \uD800\uD83D\uDE00",
    "control \u0003 char",
    "C1 \u0092 quote",
    "zero\u200Bwidth",
    "bom \uFEFF",
    "\uFFFE",
    "",
  ];

  it.each(SAMPLES)("agrees with the \\p{Cs} regex on %j", (text) => {
    NOT_XML.lastIndex = 0;
    const hasNotXml = NOT_XML.test(text);
    expect(isXmlSafe(text)).toBe(!hasNotXml && !/[\u0080-\u009F]/.test(text));
    if (!/[\u0080-\u009F]/.test(text)) {
      expect(repairCharacters(text).text).toBe(text.replace(NOT_XML, ""));
    }
  });
});

describe("trimmedText", () => {
  it.each([
    "abc",
    " abc",
    "abc ",
    "\u00A0abc",
    "abc\u3000",
    "\uFEFFabc",
    "a",
    "",
    "  ",
    "é",
    "~x~",
  ])("equals trim() for %j", (text) => {
    expect(trimmedText(text)).toBe(text.trim());
  });
});
