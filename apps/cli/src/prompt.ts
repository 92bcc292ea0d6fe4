import { createInterface } from "node:readline/promises";
import { CliError } from "./errors.ts";
import { ExitCode } from "./exit-codes.ts";

/**
 * Asks the user to type `expected` to confirm a destructive action. Without a terminal there is
 * nobody to ask, so the caller must have passed --yes.
 */
export async function confirmByTyping(question: string, expected: string): Promise<void> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CliError(
      `${question} Re-run with --yes to confirm (no terminal to ask on).`,
      ExitCode.Usage,
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} Type "${expected}" to confirm: `);
    if (answer.trim() !== expected)
      throw new CliError("Not confirmed; nothing was changed.", ExitCode.Failure);
  } finally {
    rl.close();
  }
}

/** Reads all of stdin (for secrets passed as `-`, so they stay out of shell history). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8").trim();
}
