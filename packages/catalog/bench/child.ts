/**
 * One measured process of the catalog bench (see run.ts): `--prepare DIR` creates and migrates
 * an embedded data directory; `--child N --backend B [--data-dir DIR]` runs one full sync of N
 * products and prints its figures as one JSON line. It starts as the CLI does, with the runtime
 * profile applied first, and runs from the production bundle unless the bench says `--source`.
 */
import { applyRuntimeProfile } from "@comptoir/config/runtime";
import { prepareDataDir, runOnce } from "./once.ts";

applyRuntimeProfile();
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? undefined : args[index + 1];
};

const prepare = option("prepare");
if (prepare !== undefined) {
  await prepareDataDir(prepare);
} else {
  const result = await runOnce({
    size: Number(option("child")),
    backend: option("backend") === "postgres" ? "postgres" : "pglite",
    dataDir: option("data-dir"),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
