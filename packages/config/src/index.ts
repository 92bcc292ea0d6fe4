import { type Environment, readEnvironment } from "./env.ts";
import { type Config, environmentPairs, environmentSchema, toConfig } from "./schema.ts";

export type { Environment } from "./env.ts";
export type { Config, LogLevel, SecretKey } from "./schema.ts";

/** Variables whose values must never be echoed back in an error message. */
const SECRET_VARIABLES = new Set([
  "COMPTOIR_SECRET_KEYS",
  "DATABASE_URL",
  "HIBOUTIK_OAUTH_CLIENT_SECRET",
]);

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
  const problems: ConfigProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? "environment");
      const got = env[variable];
      const shown =
        got === undefined || SECRET_VARIABLES.has(variable) ? "" : ` (got ${JSON.stringify(got)})`;
      problems.push({ variable, message: `${issue.message}${shown}` });
    }
  }
  problems.push(...unpairedVariables(env));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
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

/** Variables that only make sense together (checked alongside the schema, so all are listed). */
function unpairedVariables(env: Environment): ConfigProblem[] {
  const set = (name: string) => (env[name]?.trim() ?? "") !== "";
  return environmentPairs.flatMap(([a, b]) => {
    if (set(a) === set(b)) return [];
    const [missing, present] = set(a) ? [b, a] : [a, b];
    return [
      {
        variable: missing,
        message: `is required when ${present} is set (the Hiboutik OAuth app's client id and secret go together).`,
      },
    ];
  });
}
