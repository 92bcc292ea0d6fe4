import type { Invoice, Look } from "@comptoir/templates";
import { createRenderPool, type RenderPool } from "./pool.ts";
import type { RenderedPdf, RenderOptions } from "./render-here.ts";

let shared: RenderPool | undefined;

/**
 * The invoice as PDF/A-3b bytes with its Factur-X XML embedded (`factur-x.xml`, AFRelationship
 * Data, Factur-X XMP), rendered off the event loop by a shared worker pool sized to the cores.
 * Deterministic: the same invoice, look and options give the same bytes.
 */
export function renderInvoicePdf(
  invoice: Invoice,
  look: Look,
  options: RenderOptions = {},
): Promise<RenderedPdf> {
  shared ??= createRenderPool();
  return shared.render(invoice, look, options);
}

/** Stops the shared pool (tests, graceful shutdown); the next render starts a new one. */
export async function closeSharedRenderPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
