import { type Environment, readEnvironment } from "./env.ts";
import { type Config, environmentSchema, toConfig } from "./schema.ts";

export type { Environment } from "./env.ts";
export type { Config, LogLevel, SecretKey } from "./schema.ts";

/** Variables whose values must never be echoed back in an error message. */
const SECRET_VARIABLES = new Set(["COMPTOIR_SECRET_KEYS", "DATABASE_URL"]);

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Thrown once with every problem in the environment, so a user fixes them all in one go. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable} ${p.message}`);
    super(
      `Invalid configuration (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):\n${lines.join("\n")}\nFix the environment variables above and start again.`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Parses and validates the environment once. Throws `ConfigError` listing every problem.
 * `env` and `cwd` are injectable so tests never touch the real process.
 */
export function loadConfig(
  env: Environment = readEnvironment(),
  cwd: string = process.cwd(),
): Config {
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      const got = env[variable];
      const shown =
        got === undefined || SECRET_VARIABLES.has(variable) ? "" : ` (got ${JSON.stringify(got)})`;
      return { variable, message: `${issue.message}${shown}` };
    });
    throw new ConfigError(problems);
  }
  return toConfig(result.data, cwd);
}

/** A human description of where data lives, with any password removed. */
export function describeDatabase(config: Config): string {
  switch (config.database.kind) {
    case "pglite":
      return `embedded PGlite at ${config.database.dataDir}`;
    case "pglite-memory":
      return "embedded PGlite in memory (discarded on exit)";
    case "postgres":
      return `PostgreSQL at ${redactUrl(config.database.url)}`;
  }
}

export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "<unparseable URL>";
  }
}
