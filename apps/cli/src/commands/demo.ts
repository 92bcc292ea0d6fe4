import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import {
  addAccount,
  findAccount,
  listAccounts,
  oauthAppFromConfig,
  openAccountClient,
  removeAccount,
} from "@comptoir/accounts";
import { describeDatabase } from "@comptoir/config";
import { startSimulatorServer } from "@comptoir/hiboutik-sim";
import { type RunningService, startService } from "@comptoir/server";
import { openBlobStore } from "@comptoir/storage";
import type { ContextFactory } from "../program.ts";
import { demoFeeds } from "./demo-feeds.ts";
import { demoInvoices } from "./demo-invoices.ts";
import { demoJobs } from "./demo-jobs.ts";
import { demoSync } from "./demo-sync.ts";
import { parsePort } from "./serve.ts";

interface DemoStep {
  readonly step: string;
  readonly status: "done" | "not built yet";
  readonly detail: string;
}

const DEMO_ACCOUNT = "demo";

function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError("expected a whole number ≥ 1");
  return Number(value);
}

/**
 * The tour of everything that exists, on the embedded default: a simulated Hiboutik shop, an
 * account connected to it, what Comptoir reads from it, and the HTTP service. Each capability
 * joins the tour as it lands; what is not built yet is listed as such, never faked.
 */
export function registerDemoCommand(program: Command, context: ContextFactory): void {
  program
    .command("demo")
    .description(
      "tour the product on the embedded default: simulator, account, sync, feeds, invoices, server",
    )
    .option("--once", "exit after the tour instead of serving until Ctrl-C")
    .option("--products <n>", "size of the simulated catalog", parseCount, 1000)
    .option(
      "--port <n>",
      "port of the Comptoir service (default: PORT or 3000, else any free port)",
      parsePort,
    )
    .action(async (options) => {
      const ctx = context("demo");
      const steps: DemoStep[] = [];
      const done = (step: string, detail: string) => {
        steps.push({ step, status: "done", detail });
        ctx.output.note(`✔ ${step}: ${detail}`);
      };

      const sim = await startSimulatorServer({ products: options.products, seed: 42 });
      const services = await ctx.accountServices();
      let service: RunningService | undefined;
      try {
        await ctx.withDatabase(async (handle) => {
          const { db } = handle;
          done("database", `${describeDatabase(ctx.config)}, migrated`);
          done(
            "Hiboutik simulator",
            `${options.products} products on ${sim.apiUrl} (try: curl -u '${sim.credentials.user}:${sim.credentials.apiKey}' '${sim.apiUrl}/products/?p=1')`,
          );

          // The demo account points at this run's simulator, so it is re-created each time.
          await removeAccount(db, DEMO_ACCOUNT).catch(() => undefined);
          const account = await addAccount(db, services, {
            name: DEMO_ACCOUNT,
            hiboutikAccount: "demo-shop",
            apiUrl: sim.apiUrl,
            credentials: { kind: "basic", ...sim.credentials },
          });
          done(
            "account",
            `"${account.name}" connected to ${account.hiboutikAccount}; API key checked with one call and stored encrypted (key ${services.ring.primaryKeyId})`,
          );

          const { client, usage } = await openAccountClient(
            db,
            services,
            await findAccount(db, DEMO_ACCOUNT),
          );
          const stores = await client.stores.list().collect();
          const categories = await client.categories.list().collect();
          let productTotal: number | null = null;
          for await (const page of client.products.list().pages()) {
            productTotal = page.total;
            break;
          }
          await usage.flush(db);
          const [overview] = (await listAccounts(db)).filter((a) => a.name === DEMO_ACCOUNT);
          done(
            "API client",
            `${stores.values.length} stores, ${categories.values.length} categories, ${productTotal ?? "?"} products announced; ${overview?.callsThisMonth ?? 0} of ${overview?.monthlyCallQuota ?? 0} API calls used this month`,
          );

          done("catalog sync", await demoSync(db, services, DEMO_ACCOUNT));

          done(
            "jobs, webhooks, admin API",
            await demoJobs(db, services, {
              accountName: DEMO_ACCOUNT,
              simulator: sim.simulator,
              config: ctx.config,
              logger: ctx.logger,
              blobs: openBlobStore(ctx.config),
            }),
          );

          // The same service as `comptoir serve`: HTTP and the job worker in this process.
          const port = options.port ?? ctx.config.port ?? 3000;
          const start = (listenOn: number) =>
            startService({
              role: "all",
              db,
              logger: ctx.logger,
              config: ctx.config,
              accountServices: { ...services, oauthApp: oauthAppFromConfig(ctx.config) },
              blobs: openBlobStore(ctx.config),
              port: listenOn,
            });
          service = await start(port).catch(() => start(0));
          const serviceUrl = service.url ?? "";
          done(
            "Comptoir service",
            `${serviceUrl} with its job worker (health: ${serviceUrl}/healthz, API: ${serviceUrl}/api/openapi.json)`,
          );
          // After the service, so that the printed feed URLs carry the port it really listens on.
          done(
            "marketplace feeds",
            await demoFeeds(db, {
              accountName: DEMO_ACCOUNT,
              store: openBlobStore(ctx.config),
              ring: services.ring,
              publicBaseUrl: ctx.config.publicUrl ?? serviceUrl,
            }),
          );
          done(
            "invoices",
            await demoInvoices(db, services, {
              accountName: DEMO_ACCOUNT,
              publicUrl: ctx.config.publicUrl ?? serviceUrl,
            }),
          );

          // While the tour runs, other `comptoir` commands reach the same embedded database.
          const shared = options.once ? undefined : await handle.share?.();
          ctx.output.result({ steps, serviceUrl, simulatorUrl: sim.url }, (r) =>
            [
              "",
              `Comptoir is running on ${r.serviceUrl}; the simulated Hiboutik shop on ${r.simulatorUrl}.`,
              ...(shared
                ? [
                    `In another terminal, try: pnpm comptoir feeds list, pnpm comptoir invoices list ${DEMO_ACCOUNT}`,
                  ]
                : []),
              options.once ? "" : "Press Ctrl-C to stop.",
            ].join("\n"),
          );
          if (!options.once) await ctx.untilInterrupted();
          await service.stop();
        });
      } finally {
        await service?.stop();
        await sim.close();
      }
    });
}
