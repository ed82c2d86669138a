// Collects a pass's read results and writes them in batches: at PaySsam's rate a statement per read
// costs more database round trips than the reads themselves (20,000 reads at 200/s took 181 s
// instead of 100 s). A batch is written when it holds `maxItems`, when its oldest item has waited
// `maxDelayMs` (so the page and a crash lose at most that much), or when an item's key is already
// in it (one write per key per statement). One batch is written at a time, in order; a caller
// adding to a full batch waits for its write, so a slow database slows the reads instead of
// piling them up in memory.

export interface BatchWriter<Item> {
  add(item: Item): Promise<void>;
  /** Writes what is left and waits for every write; throws the first write's error, if any. */
  close(): Promise<void>;
}

export function batchWriter<Item>(options: {
  write: (items: Item[]) => Promise<unknown>;
  keyOf: (item: Item) => string;
  maxItems: number;
  maxDelayMs: number;
}): BatchWriter<Item> {
  let batch: Item[] = [];
  let keys = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failure: { error: unknown } | null = null;

  const throwIfFailed = () => {
    if (failure) throw failure.error;
  };

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (batch.length > 0) {
      const items = batch;
      batch = [];
      keys = new Set();
      writing = writing.then(async () => {
        if (failure) return;
        try {
          await options.write(items);
        } catch (error) {
          failure = { error };
        }
      });
    }
    return writing;
  }

  return {
    async add(item) {
      throwIfFailed();
      const key = options.keyOf(item);
      if (keys.has(key)) await flush();
      batch.push(item);
      keys.add(key);
      if (batch.length >= options.maxItems) await flush();
      else timer ??= setTimeout(flush, options.maxDelayMs);
      throwIfFailed();
    },
    async close() {
      await flush();
      throwIfFailed();
    },
  };
}
