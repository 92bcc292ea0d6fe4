import type { ClientServices } from "@comptoir/accounts";
import type { Config } from "@comptoir/config";
import type { Database } from "@comptoir/db";
import { type JobQueue, startJobQueue } from "@comptoir/jobs";
import type { Logger } from "@comptoir/logger";
import type { BlobStore } from "@comptoir/storage";
import { type AppDependencies, createApp } from "./app.ts";
import { createJobHandlers, type WorkerDependencies } from "./jobs/handlers.ts";
import { type RunningServer, startServer } from "./serve.ts";

export type ServiceRole = "web" | "worker" | "all";

export interface ServiceOptions {
  /** `web` serves HTTP (and enqueues), `worker` runs jobs and schedules, `all` both. */
  readonly role: ServiceRole;
  readonly db: Database;
  readonly logger: Logger;
  readonly config: Config;
  readonly accountServices: ClientServices;
  readonly blobs: BlobStore;
  readonly port?: number;
  readonly hostname?: string;
  /** Parallel jobs per queue in this process. */
  readonly concurrency?: number;
  readonly pollingIntervalSeconds?: number;
  readonly generateFeed?: WorkerDependencies["generateFeed"];
  readonly app?: Partial<AppDependencies>;
}

export interface RunningService {
  readonly role: ServiceRole;
  /** The HTTP address (web and all roles). */
  readonly url: string | undefined;
  readonly jobs: JobQueue;
  /**
   * Graceful stop: no new connections, in-flight requests finish; workers stop fetching and
   * in-flight jobs finish (up to `timeoutMs`). The caller closes the database afterwards.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * The service for one role. Every role opens the job queue (web processes enqueue from webhooks
 * and the admin API); workers also run the handlers and the schedule tick. On the embedded
 * default everything runs in one process (`all`); on PostgreSQL, web and worker processes scale
 * apart.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { db, logger } = options;
  const jobs = await startJobQueue({
    db,
    logger,
    role: options.role === "web" ? "web" : "worker",
    ...(options.pollingIntervalSeconds
      ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
      : {}),
  });
  let server: RunningServer | undefined;
  try {
    if (options.role !== "web") {
      await jobs.work(
        createJobHandlers({
          db,
          accountServices: options.accountServices,
          blobs: options.blobs,
          queue: jobs,
          generateFeed: options.generateFeed,
        }),
        { concurrency: options.concurrency ?? 1 },
      );
    }
    if (options.role !== "worker") {
      const app = createApp({
        db,
        logger,
        config: options.config,
        accountServices: options.accountServices,
        jobs,
        blobs: options.blobs,
        ...options.app,
      });
      server = await startServer(app, { port: options.port ?? 0, hostname: options.hostname });
    }
  } catch (error) {
    await jobs.stop({ timeoutMs: 1000 });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    role: options.role,
    url: server?.url,
    jobs,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        // Requests first (a webhook in flight still enqueues), then jobs.
        await server?.close();
        await jobs.stop({ timeoutMs: stopOptions.timeoutMs ?? 30_000 });
      })();
      return stopping;
    },
  };
}
