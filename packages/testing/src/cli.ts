import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve("tsx")).href;
export const CLI_ENTRY = fileURLToPath(new URL("../../../apps/cli/src/main.ts", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (the CLI's output when stdout is not a terminal). */
  json<T = unknown>(): T;
}

export interface RunCliOptions {
  /** The complete environment of the child: nothing leaks in from the test process. */
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly input?: string;
}

function spawnComptoir(args: readonly string[], options: RunCliOptions) {
  return spawn(process.execPath, ["--import", tsxLoader, CLI_ENTRY, ...args], {
    cwd: options.cwd,
    env: { ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
    timeout: options.timeoutMs ?? 60_000,
  });
}

/** Runs `comptoir ARGS` as a real process, the way a user or a cron job does. */
export function runComptoir(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawnComptoir(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.stdin.end(options.input ?? "");
    child.once("error", reject);
    child.once("close", (code) => {
      resolve({
        code,
        stdout,
        stderr,
        json: <T>() => {
          try {
            return JSON.parse(stdout) as T;
          } catch {
            throw new Error(
              `comptoir ${args.join(" ")} did not print JSON.\nstdout: ${stdout}\nstderr: ${stderr}`,
            );
          }
        },
      });
    });
  });
}

export interface RunningComptoir<T> {
  /** The first JSON document the command printed (e.g. the URL it serves on). */
  readonly ready: T;
  readonly pid: number;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code and the output. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts a long-running command (`serve`, `sim`, `demo`) and waits until it prints its JSON. */
export function startComptoir<T = unknown>(
  args: readonly string[],
  options: RunCliOptions = {},
): Promise<RunningComptoir<T>> {
  const child = spawnComptoir(args, { timeoutMs: 0, ...options });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
      let ready: T;
      try {
        ready = JSON.parse(stdout) as T;
      } catch {
        return; // not a whole document yet
      }
      resolve({
        ready,
        pid: child.pid ?? -1,
        async stop(signal = "SIGTERM") {
          child.kill(signal);
          return { code: await exited, stdout, stderr };
        },
      });
    });
    void exited.then((code) =>
      reject(
        new Error(`comptoir ${args.join(" ")} exited (${code}) before it was ready.\n${stderr}`),
      ),
    );
  });
}
