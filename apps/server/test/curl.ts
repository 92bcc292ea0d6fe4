import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface CurlHead {
  readonly status: number;
  readonly headers: Record<string, string>;
}

/** curl's -D output as a status and a lower-cased header map (the last response only). */
export function parseHead(text: string): CurlHead {
  const blocks = text.trim().split(/\r?\n\r?\n/);
  const lines = (blocks.at(-1) ?? "").split(/\r?\n/);
  const status = Number(lines[0]?.split(" ")[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers };
}

/** Runs the real curl; stdout is the response head (-D -) followed by whatever -o leaves. */
export async function curl(args: string[]): Promise<Buffer> {
  const { stdout } = await run("curl", ["-sS", "-D", "-", ...args], {
    encoding: "buffer",
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** The response head of a request whose body is discarded. */
export async function curlHead(args: string[]): Promise<CurlHead> {
  return parseHead((await curl(["-o", "/dev/null", ...args])).toString("latin1"));
}
