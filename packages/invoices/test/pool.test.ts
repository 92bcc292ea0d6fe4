import { lookSchema, sampleInvoice } from "@comptoir/templates";
import { afterAll, describe, expect, it } from "vitest";
import { createRenderPool, MissingGlyphsError, renderInvoicePdfHere } from "../src/index.ts";
import { b2c, oneCent } from "./fixtures/suite.ts";

const look = lookSchema.parse({ template: "modern" });
const pool = createRenderPool({ size: 2 });
afterAll(() => pool.close());

describe("render worker pool", () => {
  it("renders in worker threads the same bytes as on the calling thread", async () => {
    const invoice = oneCent();
    const [inPool, here] = await Promise.all([
      pool.render(invoice, look, { qrLink: "https://x.example/1" }),
      renderInvoicePdfHere(invoice, look, { qrLink: "https://x.example/1" }),
    ]);
    expect(Buffer.from(inPool.pdf).equals(Buffer.from(here.pdf))).toBe(true);
    expect(inPool.xml).toBe(here.xml);
  });

  it("keeps the event loop free while it renders many invoices at once", async () => {
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => pool.render(sampleInvoice(), look)),
    );
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(
      results.every((result) => Buffer.from(result.pdf).subarray(0, 8).toString() === "%PDF-1.7"),
    ).toBe(true);
    // Rendering on this thread would stall the timer for the whole batch.
    expect(longestGap).toBeLessThan(elapsed / 3);
  });

  it("passes a worker's failure back to the caller", async () => {
    const chinese = { ...b2c(), buyer: { ...b2c().buyer, name: "王小明" } };
    await expect(pool.render(chinese, look, { missingGlyphs: "error" })).rejects.toBeInstanceOf(
      MissingGlyphsError,
    );
    const reported = await pool.render(chinese, look);
    expect(reported.missingGlyphs.map((glyph) => glyph.codePoint)).toEqual([
      "U+738B",
      "U+5C0F",
      "U+660E",
    ]);
  });

  it("refuses work once closed", async () => {
    const closing = createRenderPool({ size: 1 });
    await closing.close();
    await expect(closing.render(sampleInvoice(), look)).rejects.toThrow(/closed/);
  });
});
