import type { Command } from "@commander-js/extra-typings";
import { describeDatabase } from "@comptoir/config";
import type { ContextFactory } from "../program.ts";

interface DemoStep {
  readonly step: string;
  readonly status: "done" | "not built yet";
  readonly detail: string;
}

/**
 * The tour of everything that exists, on the embedded default. Each capability joins it as it
 * lands; what is not built yet is listed as such, never faked.
 */
export function registerDemoCommand(program: Command, context: ContextFactory): void {
  program
    .command("demo")
    .description(
      "tour the product on the embedded default: simulator, account, sync, feeds, invoices, server",
    )
    .option("--once", "exit after the tour instead of serving until Ctrl-C")
    .action(async () => {
      const ctx = context("demo");
      const steps: DemoStep[] = [];
      await ctx.withDatabase(async (handle) => {
        steps.push({
          step: "database",
          status: "done",
          detail: `${describeDatabase(ctx.config)}, migrated (${handle.kind})`,
        });
      });
      for (const [step, issue] of [
        ["simulator and API client", 3],
        ["accounts and credential vault", 4],
        ["catalog sync", 5],
        ["marketplace feeds", 6],
        ["HTTP service", 7],
        ["invoices", 8],
      ] as const) {
        steps.push({ step, status: "not built yet", detail: `issue #${issue}` });
      }
      ctx.output.result({ steps }, ({ steps }) =>
        steps
          .map(
            (s) =>
              `${s.status === "done" ? "✔" : "·"} ${s.step}: ${s.status === "done" ? s.detail : `not built yet (${s.detail})`}`,
          )
          .join("\n"),
      );
    });
}
