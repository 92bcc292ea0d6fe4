/**
 * The only module allowed to read `process.env` (Biome's `noProcessEnv` enforces it).
 * Everything else receives a parsed, validated `Config`.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export function readEnvironment(): Environment {
  return process.env;
}
