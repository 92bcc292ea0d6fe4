import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { lookSchema, sampleInvoice } from "@comptoir/templates";
import { describe, expect, it } from "vitest";
import { renderInvoicePdfHere } from "../src/index.ts";
import { FRENCH_SCOPE, OUTSIDE_FRENCH_SCOPE } from "./fixtures/suite.ts";
import { VALIDATORS } from "./fixtures/tools.ts";

const execFileAsync = promisify(execFile);

async function writeSuite(
  dir: string,
  suite: Readonly<Record<string, () => ReturnType<typeof sampleInvoice>>>,
) {
  const files: string[] = [];
  for (const [name, build] of Object.entries(suite)) {
    for (const template of ["classic", "modern"] as const) {
      const { pdf } = await renderInvoicePdfHere(build(), lookSchema.parse({ template }), {
        qrLink: "https://comptoir.example/i/x",
      });
      const file = join(dir, `${name}-${template}.pdf`);
      writeFileSync(file, pdf);
      files.push(file);
    }
  }
  return files;
}

/** The official validator: XSD, EN 16931 rules, Factur-X 1.09 rules and (unless --no-fr) BR-FR. */
async function validate(files: readonly string[], frenchRules: boolean) {
  const args = frenchRules ? files : ["--no-fr", ...files];
  try {
    const { stdout } = await execFileAsync(join(VALIDATORS, "validate"), args, {
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? String(error) };
  }
}

describe("official Factur-X / EN 16931 validator", () => {
  it("passes every generated invoice with 0 errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "facturx-suite-"));
    // In the reform's scope: B2B domestic (paid and unpaid, several rates, discounts), the
    // one-cent case, ten pages, credit notes, a VAT-exempt seller, a B2C buyer with an e-mail.
    const french = await writeSuite(dir, { ...FRENCH_SCOPE, sample: sampleInvoice });
    // Outside it (B2C without details, intra-EU B2B are e-reported, not e-invoiced): the
    // French rules would demand a buyer electronic address that does not exist.
    const outside = await writeSuite(dir, OUTSIDE_FRENCH_SCOPE);
    const [inScope, outOfScope] = await Promise.all([
      validate(french, true),
      validate(outside, false),
    ]);
    expect(inScope.stdout).toContain(`${french.length} passed, 0 failed`);
    expect(outOfScope.stdout).toContain(`${outside.length} passed, 0 failed`);
    expect([inScope.code, outOfScope.code]).toEqual([0, 0]);
  }, 240_000);
});
