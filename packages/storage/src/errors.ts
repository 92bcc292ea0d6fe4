export class InvalidBlobKeyError extends Error {
  constructor(key: string, why: string) {
    super(`Invalid blob key ${JSON.stringify(key)}: ${why}`);
    this.name = "InvalidBlobKeyError";
  }
}

export class RangeNotSatisfiableError extends Error {
  readonly size: number;

  constructor(key: string, start: number, size: number) {
    super(
      `Range starting at byte ${start} is past the end of ${JSON.stringify(key)} (${size} bytes)`,
    );
    this.name = "RangeNotSatisfiableError";
    this.size = size;
  }
}
