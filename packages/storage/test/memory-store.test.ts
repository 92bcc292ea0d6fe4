import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../src/index.ts";

describe("memory store", () => {
  it("follows the same contract: atomic put, ranges, list, delete", async () => {
    const store = createMemoryStore({ now: () => new Date(0) });
    await store.put("a/1.txt", Readable.from(["hello"]), { contentType: "text/plain" });
    await expect(
      store.put(
        "a/1.txt",
        Readable.from(
          (async function* () {
            yield Buffer.from("partial");
            throw new Error("boom");
          })(),
        ),
        { contentType: "text/plain" },
      ),
    ).rejects.toThrow("boom");
    const read = await store.get("a/1.txt", { range: { start: 1, end: 3 } });
    expect(await text(read?.body ?? Readable.from([]))).toBe("ell");
    const keys: string[] = [];
    for await (const info of store.list("a/")) keys.push(info.key);
    expect(keys).toEqual(["a/1.txt"]);
    expect(await store.delete("a/1.txt")).toBe(true);
    expect(await store.head("a/1.txt")).toBeNull();
  });
});
