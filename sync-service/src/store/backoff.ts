const firstRetryMs = 1_000;
const longestRetryMs = 5 * 60_000;

/**
 * Delay before the next try of a job that failed `attempts` times: doubling from 1 s up to
 * 5 min, with jitter in the upper half so jobs that failed together do not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(longestRetryMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
