import { availableParallelism, cpus, loadavg } from "node:os";
import { type Invoice, lookSchema } from "@comptoir/templates";
import { buildInvoice, createRenderPool, renderInvoicePdfHere } from "../src/index.ts";
import { pdfRuntime } from "../src/pdf/runtime.ts";
import { businessBuyer, seller } from "../test/fixtures/parties.ts";
import { makeSale } from "../test/fixtures/sales.ts";
import { tenPages } from "../test/fixtures/suite.ts";
import { drawWithPdfkit } from "./pdfkit-floor.ts";
import { ms, summarize, time } from "./stats.ts";

/**
 * Invoice rendering benchmark: warm render time of a 1-page and a 10-page invoice (median, p95),
 * pdfkit drawing the same 1-page invoice (the floor), and invoices per second with the worker
 * pool. It prints figures; it does not pass or fail.
 */

const QR = "https://comptoir.example/invoices/tok_3f9a";
const look = lookSchema.parse({});

function onePage(): Invoice {
  const sale = makeSale({
    lines: Array.from({ length: 10 }, (_, index) => ({
      name: `Article ${index + 1} — écharpe en soie tissée`,
      price: (9.9 + index * 3.15).toFixed(2),
      quantity: 1 + (index % 3),
      rate: index % 4 === 0 ? "5.5" : "20",
      catalogPrice: index % 3 === 0 ? (12.9 + index * 3.15).toFixed(2) : undefined,
      sizeName: index % 2 === 0 ? "Bleu nuit" : undefined,
    })),
  });
  return buildInvoice({
    sale: { ...sale, payment: null },
    seller: seller(),
    buyer: businessBuyer,
    number: "F2026-000900",
    issueDate: "2026-03-15",
  });
}

async function throughput(workers: number, invoice: Invoice, count: number, rounds: number) {
  const pool = createRenderPool({ size: workers });
  try {
    await Promise.all(
      Array.from({ length: workers * 8 }, () => pool.render(invoice, look, { qrLink: QR })),
    );
    const rates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: count }, () => pool.render(invoice, look, { qrLink: QR })),
      );
      rates.push(count / ((performance.now() - started) / 1000));
    }
    return summarize(rates).median;
  } finally {
    await pool.close();
  }
}

async function main() {
  const one = onePage();
  const ten = tenPages();
  const loadStart = performance.now();
  const { fontCache } = pdfRuntime();
  const loadMs = performance.now() - loadStart;
  const firstStart = performance.now();
  await renderInvoicePdfHere(one, look, { qrLink: QR });
  const firstMs = performance.now() - firstStart;

  // Interleave the two engines so machine noise hits both alike.
  const pdfmakeSamples: number[] = [];
  const pdfkitSamples: number[] = [];
  for (let i = 0; i < 10; i++) {
    await renderInvoicePdfHere(one, look, { qrLink: QR });
    await drawWithPdfkit(one, QR);
  }
  for (let i = 0; i < 60; i++) {
    let started = performance.now();
    await renderInvoicePdfHere(one, look, { qrLink: QR });
    pdfmakeSamples.push(performance.now() - started);
    started = performance.now();
    await drawWithPdfkit(one, QR);
    pdfkitSamples.push(performance.now() - started);
  }
  const pdfmake1 = summarize(pdfmakeSamples);
  const pdfkit1 = summarize(pdfkitSamples);
  const pdfmake10 = await time(() => renderInvoicePdfHere(ten, look, { qrLink: QR }), 3, 15);
  const pages = (await renderInvoicePdfHere(ten, look)).pdf.length;
  const oneWorker = await throughput(1, one, 50, 3);
  const twoWorkers = await throughput(2, one, 100, 3);
  const cores = await throughput(availableParallelism(), one, 100, 3);

  const rows: [string, string][] = [
    [
      "machine",
      `${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg()[0]?.toFixed(2)}, Node ${process.version}`,
    ],
    ["pdfmake load (fonts into memory)", ms(loadMs)],
    ["parsed fonts reused across documents", String(fontCache)],
    ["first render, 1 page", ms(firstMs)],
    [
      "pdfmake 1 page (10 lines), warm",
      `median ${ms(pdfmake1.median)}, p95 ${ms(pdfmake1.p95)}, min ${ms(pdfmake1.min)} (${pdfmake1.runs} runs)`,
    ],
    [
      "pdfkit floor, same 1 page",
      `median ${ms(pdfkit1.median)}, p95 ${ms(pdfkit1.p95)}, min ${ms(pdfkit1.min)} (${pdfkit1.runs} runs)`,
    ],
    ["pdfmake / pdfkit (median)", `${(pdfmake1.median / pdfkit1.median).toFixed(2)}x`],
    [
      `pdfmake 10 pages (${ten.lines.length} lines, ${Math.round(pages / 1024)} KB)`,
      `median ${ms(pdfmake10.median)}, p95 ${ms(pdfmake10.p95)}, min ${ms(pdfmake10.min)} (${pdfmake10.runs} runs)`,
    ],
    ["pool, 1 worker, 1-page invoices", `${oneWorker.toFixed(1)} invoices/s`],
    ["pool, 2 workers, 1-page invoices", `${twoWorkers.toFixed(1)} invoices/s`],
    [`pool, ${availableParallelism()} workers (default size)`, `${cores.toFixed(1)} invoices/s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(
    `invoice rendering benchmark\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n")}\n`,
  );
  process.stdout.write(
    `targets: 1-page median < 50 ms (${pdfmake1.median < 50 ? "met" : "missed"}), within 2x of pdfkit (${pdfmake1.median <= 2 * pdfkit1.median ? "met" : "missed"}), ≥ 35 invoices/s with 2 workers (${twoWorkers >= 35 ? "met" : "missed"})\n`,
  );
}

await main();
