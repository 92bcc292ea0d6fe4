#!/usr/bin/env node
import { applyRuntimeProfile } from "@comptoir/config/runtime";
import { runCli } from "./program.ts";

applyRuntimeProfile();
// `comptoir … | head` closes the pipe before the output ends: stop quietly, as Unix tools do,
// instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
