import { parentPort } from "node:worker_threads";
import { loadFontCoverage } from "@comptoir/templates";
import { parseInvoiceSnapshot } from "../snapshot.ts";
import type { RenderReply, RenderRequest } from "./protocol.ts";
import { MissingGlyphsError, renderInvoicePdfHere } from "./render-here.ts";
import { pdfRuntime } from "./runtime.ts";

/** A render worker: fonts are loaded and parsed once, then reused by every document it renders. */
const port = parentPort;
if (!port) throw new Error("the invoice render worker runs in a worker thread");

pdfRuntime();
loadFontCoverage();

port.on("message", (request: RenderRequest) => {
  void render(request).then((reply) => {
    if (reply.ok) port.postMessage(reply, [reply.pdf.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  });
});

async function render(request: RenderRequest): Promise<RenderReply> {
  try {
    const rendered = await renderInvoicePdfHere(
      parseInvoiceSnapshot(request.snapshot),
      request.look,
      request.options,
    );
    // A fresh buffer the reply can transfer instead of copying.
    const pdf = new Uint8Array(rendered.pdf);
    return {
      id: request.id,
      ok: true,
      pdf,
      xml: rendered.xml,
      missingGlyphs: rendered.missingGlyphs,
    };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return {
      id: request.id,
      ok: false,
      error: {
        name: failure.name,
        message: failure.message,
        missingGlyphs: failure instanceof MissingGlyphsError ? failure.missingGlyphs : undefined,
      },
    };
  }
}
