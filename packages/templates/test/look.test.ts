import { describe, expect, it } from "vitest";
import {
  DEFAULT_LABELS,
  DEFAULT_LOOK,
  fillLabel,
  LABEL_KEYS,
  MAX_LOGO_BYTES,
  parseLook,
  resolveLabels,
} from "../src/index.ts";

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** A minimal JPEG header: SOI, then a SOF0 frame with `components` colour components. */
function jpeg(components: number): string {
  const bytes = Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    0x00,
    0x10,
    0x00,
    0x10,
    components,
    1,
    0x11,
    0,
    2,
    0x11,
    0,
    3,
    0x11,
    0,
    4,
    0x11,
    0,
    0xff,
    0xd9,
  ]);
  return `data:image/jpeg;base64,${bytes.toString("base64")}`;
}

function issues(input: unknown): Record<string, string> {
  const result = parseLook(input);
  return result.ok
    ? {}
    : Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
}

describe("look settings", () => {
  it("gives every field a default", () => {
    expect(DEFAULT_LOOK).toMatchObject({
      template: "classic",
      language: "fr",
      font: "dejavu-sans",
      colors: { accent: "#1f4e79" },
      columns: { discount: true, sku: false, barcode: false, unit: false },
      blocks: { paymentDetails: true, notes: true, qrCode: true },
      labels: {},
      footer: {},
    });
    const partial = parseLook({
      template: "modern",
      colors: { accent: "#AA3300" },
      columns: { sku: true },
    });
    expect(partial.ok && partial.value).toMatchObject({
      template: "modern",
      colors: { accent: "#aa3300", text: "#1f2328" },
      columns: { sku: true, discount: true },
    });
  });

  it("explains every invalid field", () => {
    expect(
      issues({
        template: "baroque",
        font: "comic-sans",
        colors: { accent: "red" },
        logoWidth: 500,
        columns: { price: true },
        labels: { fr: { invoiceTitel: "Facture" } },
      }),
    ).toEqual({
      template: "the template is one of: classic, modern",
      font: "the font is one of: dejavu-sans, dejavu-serif, roboto",
      "colors.accent": 'a colour is "#rrggbb", e.g. "#1f4e79"',
      logoWidth: "220 points at most",
      columns: expect.stringContaining("price"),
      "labels.fr": expect.stringContaining("invoiceTitel"),
    });
  });

  it("takes a small PNG or RGB JPEG logo, and refuses others", () => {
    expect(issues({ logo: PNG })).toEqual({});
    expect(issues({ logo: jpeg(3) })).toEqual({});
    expect(issues({ logo: jpeg(4) }).logo).toContain("CMYK");
    expect(issues({ logo: "https://example.com/logo.png" }).logo).toContain("data URL");
    expect(issues({ logo: PNG.replace("image/png", "image/jpeg") }).logo).toContain(
      "not the PNG or JPEG",
    );
    const huge = `data:image/png;base64,${Buffer.alloc(MAX_LOGO_BYTES + 1).toString("base64")}`;
    expect(issues({ logo: huge }).logo).toContain("200 KB");
  });

  it("overrides labels and footer per language", () => {
    const look = parseLook({
      labels: { fr: { invoiceTitle: "Facture acquittée" } },
      footer: { en: "Thank you!" },
    });
    if (!look.ok) throw new Error("invalid look");
    expect(resolveLabels(look.value, "fr").invoiceTitle).toBe("Facture acquittée");
    expect(resolveLabels(look.value, "en").invoiceTitle).toBe("Invoice");
    expect(look.value.footer.en).toBe("Thank you!");
  });

  it("has every label in French and English", () => {
    for (const key of LABEL_KEYS) {
      expect(DEFAULT_LABELS.fr[key], key).not.toBe("");
      expect(DEFAULT_LABELS.en[key], key).not.toBe("");
    }
    expect(fillLabel("Page {page} / {pages}", { page: 2, pages: 10 })).toBe("Page 2 / 10");
    expect(fillLabel("{unknown} stays", {})).toBe("{unknown} stays");
  });
});
