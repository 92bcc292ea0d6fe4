export {
  type Database,
  type DatabaseHandle,
  type DatabaseOrTransaction,
  type DatabaseTarget,
  DatabaseUnreachableError,
  type OpenDatabaseOptions,
  openDatabase,
  parseTarget,
  type Schema,
  type Transaction,
} from "./client.ts";
export {
  acquireDataDirectoryLock,
  type DataDirectoryLock,
  DataDirectoryLockedError,
  describeCurrentCommand,
  type LockHolder,
  lockPathFor,
  readLockHolder,
} from "./lock.ts";
export {
  applyMigrations,
  type MigrationReport,
  type MigrationStatus,
  migrationStatus,
  migrationsFolder,
} from "./migrate.ts";
export * as schema from "./schema/index.ts";
export {
  type SharedSocket,
  sharedSocketDirectory,
  sharedSocketExists,
  sharedSocketUrl,
  shareOverSocket,
} from "./shared-socket.ts";
export { queryRows } from "./sql.ts";
