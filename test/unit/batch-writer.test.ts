import { describe, expect, it } from "vitest";
import { batchWriter } from "@/lib/reconcile/batch-writer";

function recording(maxItems: number, maxDelayMs: number, fail?: (items: string[]) => boolean) {
  const writes: string[][] = [];
  const writer = batchWriter<string>({
    write: async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (fail?.(items)) throw new Error(`write of ${items.join(",")} failed`);
      writes.push(items);
    },
    keyOf: (item) => item.split(":")[0],
    maxItems,
    maxDelayMs,
  });
  return { writer, writes };
}

describe("batchWriter", () => {
  it("writes full batches in order and the rest on close", async () => {
    const { writer, writes } = recording(3, 10_000);
    for (const item of ["a", "b", "c", "d", "e", "f", "g"]) await writer.add(item);
    await writer.close();
    expect(writes).toEqual([["a", "b", "c"], ["d", "e", "f"], ["g"]]);
  });

  it("writes a batch that waited maxDelayMs without being full", async () => {
    const { writer, writes } = recording(100, 20);
    await writer.add("a");
    await writer.add("b");
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(writes).toEqual([["a", "b"]]);
    await writer.add("c");
    await writer.close();
    expect(writes).toEqual([["a", "b"], ["c"]]);
  });

  it("never puts two items with the same key in one batch", async () => {
    const { writer, writes } = recording(100, 10_000);
    for (const item of ["a:1", "b:1", "a:2", "c:1"]) await writer.add(item);
    await writer.close();
    expect(writes).toEqual([
      ["a:1", "b:1"],
      ["a:2", "c:1"],
    ]);
  });

  it("reports a failed write to the next add or to close, and writes nothing after it", async () => {
    const { writer, writes } = recording(2, 10_000, (items) => items.includes("b"));
    await writer.add("a");
    await expect(writer.add("b")).rejects.toThrow("write of a,b failed");
    await expect(writer.add("c")).rejects.toThrow("write of a,b failed");
    await expect(writer.close()).rejects.toThrow("write of a,b failed");
    expect(writes).toEqual([]);
  });
});
