import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { startSimulatorServer } from "@comptoir/hiboutik-sim";
import type { ContextFactory } from "../program.ts";
import { parsePort } from "./serve.ts";

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number");
  return Number(value);
}

export function registerSimCommand(program: Command, context: ContextFactory): void {
  program
    .command("sim")
    .description("run the Hiboutik simulator (a seeded, faithful Hiboutik account) until Ctrl-C")
    .option("--port <n>", "port to listen on (0 = any free port)", parsePort, 4010)
    .option(
      "--products <n>",
      "catalog size (generated on demand: memory stays flat)",
      parseCount,
      1000,
    )
    .option("--seed <s>", "data seed: the same seed gives the same shop", parseCount, 42)
    .option("--account <sub>", "the simulated Hiboutik subdomain", "demo-shop")
    .action(async (options) => {
      const ctx = context("sim");
      const server = await startSimulatorServer({
        port: options.port,
        products: options.products,
        seed: options.seed,
        account: options.account,
      });
      ctx.output.result(
        {
          url: server.url,
          apiUrl: server.apiUrl,
          account: options.account,
          user: server.credentials.user,
          apiKey: server.credentials.apiKey,
          products: options.products,
          seed: options.seed,
        },
        (s) =>
          [
            `Hiboutik simulator "${s.account}" (${s.products} products, seed ${s.seed}) on ${s.url}`,
            `  try: curl -u '${s.user}:${s.apiKey}' '${s.apiUrl}/products/?p=1'`,
            `  add it: comptoir accounts add sim --hiboutik-account ${s.account} --api-url ${s.apiUrl} --user ${s.user} --api-key ${s.apiKey}`,
            "Press Ctrl-C to stop.",
          ].join("\n"),
      );
      await ctx.untilInterrupted();
      await server.close();
    });
}
