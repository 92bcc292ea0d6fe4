import { describe, expect, it } from "vitest";
import { checkXmlDocument, checkXmlFragment } from "../src/generate/xml-check.ts";

describe("streaming XML check (X01, X04, X05)", () => {
  it("passes well-formed items", () => {
    expect(checkXmlFragment("<item>\n  <g:id>1 &amp; 2</g:id>\n</item>\n")).toBeNull();
  });

  it("catches unbalanced elements (X01)", () => {
    expect(checkXmlFragment("<item><g:id>1</item>")).toMatch(/^X01/);
  });

  it("catches HTML named entities the validator would accept (X04)", () => {
    expect(checkXmlFragment("<item><g:title>&eacute;t&eacute;</g:title></item>")).toMatch(/^X04/);
  });

  it("catches characters outside XML 1.0 (X05)", () => {
    expect(checkXmlFragment("<item><g:title>a\u0003b</g:title></item>")).toMatch(/^X05/);
    expect(checkXmlFragment("<item><g:title>a\uD800b</g:title></item>")).toMatch(/^X05/);
    expect(checkXmlFragment("<item><g:title>emoji 😀 ok</g:title></item>")).toBeNull();
  });

  it("checks the document frame with its declaration", () => {
    expect(
      checkXmlDocument(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel></channel></rss>\n',
      ),
    ).toBeNull();
  });
});
