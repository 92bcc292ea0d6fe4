/**
 * The output contract: results go to stdout, as JSON when asked (`--json`) or when stdout is not
 * a terminal, as readable text otherwise. Logs, progress and errors go to stderr.
 */
export interface Output {
  readonly json: boolean;
  /** Prints a command's result: `data` as one JSON document, or `human(data)` as text. */
  result<T>(data: T, human: (data: T) => string): void;
  /** A line of human-only commentary (suppressed in JSON mode and with --quiet). */
  note(line: string): void;
  /** Reports a failure on stderr (JSON mode: a JSON error document). */
  error(error: { code: string; message: string }): void;
}

export interface OutputStreams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createOutput(
  streams: OutputStreams,
  options: { json?: boolean; quiet?: boolean },
): Output {
  const json = options.json ?? streams.stdout.isTTY !== true;
  const quiet = options.quiet === true;
  return {
    json,
    result(data, human) {
      if (json) streams.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else if (!quiet) streams.stdout.write(`${human(data)}\n`);
    },
    note(line) {
      if (!json && !quiet) streams.stderr.write(`${line}\n`);
    },
    error(error) {
      if (json) streams.stderr.write(`${JSON.stringify({ error })}\n`);
      else streams.stderr.write(`Error: ${error.message}\n`);
    },
  };
}
