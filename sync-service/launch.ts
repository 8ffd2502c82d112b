/**
 * How the sync service's process is started, in one place for `npm start`, the service's own
 * `start` script (checked against this by a test) and the benchmark.
 *
 * - `--v8-pool-size=1`: one V8 helper thread instead of four. Each helper thread that compiles
 *   PGlite's WebAssembly or marks the heap keeps its own malloc arena of tens of MB for good;
 *   one thread is enough for a service that spends its time waiting on Graph.
 * - `--max-semi-space-size=2`: a 2 MB young generation instead of up to 16 MB per semi-space.
 *   The service's short-lived garbage is small (a delta page, a request); a smaller nursery is
 *   collected more often and keeps less resident.
 * - `--heap-growing-percent=25`: the old generation is collected once it has grown by a quarter
 *   of what was live after the last collection, instead of V8's own factor of up to 4, which let
 *   the heap reach ~170 MB for ~50 MB live while reconcile worked through the first mirror.
 *
 * And in its environment, on Linux (glibc reads it at process start, so it cannot be set from
 * inside): `MALLOC_ARENA_MAX=1`, one malloc arena for all threads instead of one per thread that
 * ever allocated, each keeping what it once held.
 *
 * Measured with `npm run bench -- mirror` at 50,000 items on PGlite, peak RSS overall: 446 MB
 * (tsx, no flags) → 428 MB (built, no flags) → 355 MB (first two flags) → 243 MB (all three)
 * → 227 MB (and one arena); a second helper thread costs +30 MB.
 */
export const SERVICE_NODE_FLAGS = [
  "--v8-pool-size=1",
  "--max-semi-space-size=2",
  "--heap-growing-percent=25",
] as const;

/** What the service's environment adds on Linux (README: "Running the service"). */
export const SERVICE_ENV = { MALLOC_ARENA_MAX: "1" } as const;
