import type { SimState } from "./state";

/**
 * Seeded dice (mulberry32, a small PRNG): the same seed rolls the same numbers, so a
 * `--scale` seed, a run with injected faults and a failing randomized sync test repeat exactly.
 */
export function mulberry32(seed: number): () => number {
  let value = seed | 0;
  return () => {
    value = (value + 0x6d2b79f5) | 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The dice injected faults and dropped notifications roll; reset to a seed, it replays a run. */
export class FaultDice {
  private roll01: () => number;
  constructor(private seed = 1) {
    this.roll01 = mulberry32(seed);
  }
  reset(seed = this.seed): void {
    this.seed = seed;
    this.roll01 = mulberry32(seed);
  }
  next(): number {
    return this.roll01();
  }
  /** True with probability `rate` (0..1); never consumes a number when the rate is 0. */
  roll(rate: number): boolean {
    return rate > 0 && this.next() < rate;
  }
}

const dice = new WeakMap<SimState, FaultDice>();

/** The world's fault dice, kept beside the state rather than in it. */
export function faultDice(state: SimState): FaultDice {
  let found = dice.get(state);
  if (!found) {
    found = new FaultDice();
    dice.set(state, found);
  }
  return found;
}

/** A fresh dice from the default seed (the control API's reset). */
export function forgetFaultDice(state: SimState): void {
  dice.delete(state);
}
