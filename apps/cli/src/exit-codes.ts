/**
 * Exit codes are part of the CLI contract: scripts and cron jobs branch on them.
 * Keep numbers stable; add new ones at the end of their range.
 */
export const ExitCode = {
  /** Done. */
  Ok: 0,
  /** The operation failed (the message says why). */
  Failure: 1,
  /** Wrong command line: unknown command or option, missing argument. */
  Usage: 2,
  /** Invalid configuration (environment variables); every problem is listed. */
  Config: 3,
  /** The embedded database is in use by another process (named in the message). */
  Busy: 4,
  /** A required service is unreachable: PostgreSQL, Hiboutik. */
  Unavailable: 5,
  /** The named account, feed, invoice… does not exist. */
  NotFound: 6,
  /** Refused: the run would need more Hiboutik API calls than the month has left (`--force`). */
  QuotaExceeded: 7,
  /** `feeds generate`: published, with warnings (excluded items, a smaller drop); see the output. */
  PublishedWithWarnings: 10,
  /** `feeds generate`: refused by the publish gate; the live file stays (the reasons are printed). */
  RefusedByGate: 11,
  /** `feeds generate`: the generation failed; the live file stays. */
  GenerationFailed: 12,
  /** `feeds generate`/`rollback`: another process is generating the feed right now. */
  FeedBusy: 13,
  /** Interrupted (Ctrl-C). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = `Exit codes:
  0    done
  1    the operation failed (the message says why)
  2    wrong command line (unknown command or option, missing argument)
  3    invalid configuration (every problem is listed)
  4    the embedded database is in use by another process
  5    a required service is unreachable (PostgreSQL, Hiboutik)
  6    the named account, feed or invoice does not exist
  7    refused: not enough Hiboutik API calls left this month (--force overrides)
  10   feeds generate: published with warnings
  11   feeds generate: refused by the publish gate (the live file stays)
  12   feeds generate: failed (the live file stays)
  13   feeds generate: another process is generating the feed
  130  interrupted`;
