import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/index.ts";

function capture() {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY: false },
  );
  return { stream, text: () => chunks.join("") };
}

describe("createLogger", () => {
  it("writes JSON lines when the destination is not a terminal", () => {
    const out = capture();
    createLogger({ destination: out.stream }).info({ feed: 42 }, "generated");
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ level: 30, msg: "generated", feed: 42 });
    expect(typeof line.time).toBe("string");
  });

  it("redacts secrets at any usual depth and keeps the rest", () => {
    const out = capture();
    createLogger({ destination: out.stream }).info(
      {
        apiKey: "k-top-level",
        account: { name: "shop", apiKey: "k-nested", refresh_token: "r-nested" },
        req: { headers: { authorization: "Basic c2VjcmV0", "set-cookie": "sid=1" } },
      },
      "connecting",
    );
    const text = out.text();
    for (const secret of ["k-top-level", "k-nested", "r-nested", "c2VjcmV0", "sid=1"]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text).account.name).toBe("shop");
  });

  it("renders human-readable lines in pretty mode", () => {
    const out = capture();
    createLogger({ destination: out.stream, format: "pretty" }).warn({ token: "t0ps3cret" }, "hi");
    expect(out.text()).toMatch(/WARN.*hi/);
    expect(out.text()).not.toContain("t0ps3cret");
    expect(() => JSON.parse(out.text())).toThrow();
  });

  it("honours the level", () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, level: "warn" });
    logger.info("hidden");
    logger.error("shown");
    expect(out.text()).not.toContain("hidden");
    expect(out.text()).toContain("shown");
  });
});
