import { spawn } from "node:child_process";
import path from "node:path";
import { acquireDataDirectoryLock } from "@comptoir/db";
import { CLI_ENTRY, runComptoir, useTempDir } from "@comptoir/testing";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

describe("comptoir (as a process)", () => {
  it("--help lists the commands, the environment and the exit codes", async () => {
    const run = await runComptoir(["--help"]);
    expect(run.code).toBe(0);
    for (const word of ["demo", "db", "DATABASE_URL", "COMPTOIR_DATA_DIR", "Exit codes:"]) {
      expect(run.stdout).toContain(word);
    }
  });

  it("--version prints the package version", async () => {
    const run = await runComptoir(["--version"]);
    expect(run.stdout.trim()).toBe(packageJson.version);
  });

  it("stops quietly when its reader closes the pipe (comptoir … | head)", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI_ENTRY, "--help"], {
      cwd: path.dirname(CLI_ENTRY),
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Closed before the CLI has started: its first write meets a closed pipe.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("exits 2 on an unknown command, with a hint", async () => {
    const run = await runComptoir(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
    expect(run.stderr).toContain("comptoir --help");
  });

  it("exits 3 listing every configuration problem at once", async () => {
    const run = await runComptoir(["db", "migrate"], {
      env: { DATABASE_URL: "mysql://root:hunter2@db/shop", LOG_LEVEL: "loud", PORT: "eighty" },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("Invalid configuration (3 problems)");
    for (const variable of ["DATABASE_URL", "LOG_LEVEL", "PORT"]) {
      expect(run.stderr).toContain(variable);
    }
    expect(run.stderr).not.toContain("hunter2");
  });

  it("db migrate creates and then keeps the embedded database current", async () => {
    const dataDir = useTempDir();
    const env = { COMPTOIR_DATA_DIR: dataDir };
    const first = await runComptoir(["db", "migrate"], { env });
    expect(first.code, first.stderr).toBe(0);
    const report = first.json<{ database: string; applied: string[]; total: number }>();
    expect(report.database).toBe(`embedded PGlite at ${path.join(dataDir, "pglite")}`);
    expect(report.applied).toHaveLength(report.total);

    const second = await runComptoir(["db", "migrate"], { env });
    expect(second.json()).toMatchObject({ applied: [], total: report.total });

    const status = await runComptoir(["db", "status", "--no-json"], { env });
    expect(status.stdout).toContain(`up to date (${report.total} migrations)`);
  });

  it("exits 4 naming the process that holds the embedded database", async () => {
    const dataDir = useTempDir();
    const lock = acquireDataDirectoryLock(path.join(dataDir, "pglite"), "comptoir serve (test)");
    try {
      const run = await runComptoir(["db", "migrate"], { env: { COMPTOIR_DATA_DIR: dataDir } });
      expect(run.code).toBe(4);
      const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } };
      expect(error.code).toBe("DATA_DIRECTORY_LOCKED");
      expect(error.message).toContain(`process ${process.pid} (comptoir serve (test))`);
    } finally {
      lock.release();
    }
  });

  it("demo tours what exists, says what does not yet, and can run twice", async () => {
    const env = { COMPTOIR_DATA_DIR: useTempDir() };
    for (const _ of [1, 2]) {
      const run = await runComptoir(["demo", "--once", "--products", "60", "--port", "0"], {
        env,
        // The whole tour, on a machine that may be busy: well above its usual 20 s.
        timeoutMs: 150_000,
      });
      expect(run.code, run.stderr).toBe(0);
      const { steps, serviceUrl } = run.json<{
        steps: { step: string; status: string }[];
        serviceUrl: string;
      }>();
      const done = steps.filter((s) => s.status === "done").map((s) => s.step);
      expect(done).toEqual([
        "database",
        "Hiboutik simulator",
        "account",
        "API client",
        "catalog sync",
        "jobs, webhooks, admin API",
        "Comptoir service",
        "marketplace feeds",
        "invoices",
      ]);
      expect(steps.filter((s) => s.status !== "done")).toEqual([]);
      expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
  }, 320_000);
});
