import { describe, expect, it } from "vitest";
import { cleanText, truncateText } from "../src/index.ts";

describe("cleanText", () => {
  it("strips HTML from descriptions, decodes entities once and collapses whitespace", () => {
    const { text, strippedHtml } = cleanText(
      "<p>Doux&nbsp;&amp; <strong>moelleux</strong><br>lavable à 30&deg;C</p>\n<ul><li>Lin</li><li>Coton</li></ul><script>x()</script>",
    );
    expect(text).toBe("Doux & moelleux lavable à 30°C Lin Coton");
    expect(strippedHtml).toBe(true);
  });

  it("keeps an escaped entity as text (decodes one level only)", () => {
    expect(cleanText("&amp;eacute; et &eacute;").text).toBe("&eacute; et é");
  });

  it("keeps angle brackets of plain names as text", () => {
    expect(cleanText("Thé <édition limitée> & co", "plain").text).toBe(
      "Thé <édition limitée> & co",
    );
  });

  it("removes characters XML 1.0 cannot carry and counts them", () => {
    const cleaned = cleanText("a\u0000b\u0003c\u001Fd\uFFFEe\u200Bf\uD800g");
    expect(cleaned.text).toBe("abcdefg");
    expect(cleaned.repairedChars).toBe(6);
  });

  it("maps Windows-1252 leftovers (C1 controls) to the characters they stood for", () => {
    expect(cleanText("l\u0092été \u0093ok\u0094 \u0080").text).toBe("l’été “ok” €");
  });

  it("normalizes to NFC", () => {
    const decomposed = "Cafe\u0301 cre\u0300me";
    expect(cleanText(decomposed).text).toBe("Café crème");
    expect(cleanText(decomposed).text).toBe("Café crème".normalize("NFC"));
  });

  it("flags double-encoded UTF-8 without guessing a repair", () => {
    expect(cleanText("CafÃ© crÃ¨me").mojibake).toBe(true);
    expect(cleanText("Café crème").mojibake).toBe(false);
  });

  it("keeps emoji, joiners and right-to-left text", () => {
    expect(cleanText("famille 👨‍👩‍👧 كوب").text).toBe("famille 👨‍👩‍👧 كوب");
  });
});

describe("truncateText", () => {
  it("cuts at a word boundary with an ellipsis, within the limit", () => {
    const cut = truncateText("Une très belle robe en lin lavé pour l'été", 20);
    expect(cut).toBe("Une très belle robe…");
    expect(Array.from(cut).length).toBeLessThanOrEqual(20);
  });

  it("never splits a surrogate pair", () => {
    const cut = truncateText("😀😀😀😀😀😀", 4);
    expect(cut).toBe("😀😀😀…");
  });
});
