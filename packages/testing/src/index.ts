// Shared test fixtures. Database fixtures live with the database (`@comptoir/db/testing`) and are
// re-exported here so tests import everything from one place.
export {
  createTestDatabase,
  dbTest,
  schemaCatalog,
  type TestDatabase,
  testBackend,
  withRollback,
} from "@comptoir/db/testing";
export {
  CLI_ENTRY,
  type CliRun,
  type RunCliOptions,
  type RunningComptoir,
  runComptoir,
  startComptoir,
} from "./cli.ts";
export { useTempDir } from "./temp-dir.ts";
