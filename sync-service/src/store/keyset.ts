/** How many items a scan reads at a time when its caller does not say. */
const DEFAULT_BATCH_SIZE = 200;

/**
 * Every item in order of id, read `batchSize` at a time after the last id seen (keyset paging),
 * so a pass never holds them all. `page` returns up to `limit` items, in order of id, with ids
 * after `after` (null: from the first).
 */
export async function* keysetScan<T extends { id: string }>(
  page: (after: string | null, limit: number) => Promise<readonly T[]>,
  options: { batchSize?: number } = {},
): AsyncGenerator<T> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  let after: string | null = null;
  for (;;) {
    const batch = await page(after, batchSize);
    yield* batch;
    const last = batch[batch.length - 1];
    if (!last || batch.length < batchSize) return;
    after = last.id;
  }
}
