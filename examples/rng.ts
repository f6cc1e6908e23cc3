import { createHash } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { days, fromDayNumber } from "../src/model/date.js";

/** Seeded randomness over pure-rand; every draw goes through here so the output depends on the seed only. */
export class Rng {
  private readonly gen: RandomGenerator;
  constructor(seed: string) {
    // pure-rand seeds with a 32-bit integer; the text seed is hashed to one.
    this.gen = xoroshiro128plus(createHash("sha256").update(seed).digest().readInt32BE(0));
  }
  int(min: number, max: number): number {
    return uniformInt(this.gen, min, max);
  }
  /** Uniform in [0, 1) with 2^-30 resolution. */
  unit(): number {
    return this.int(0, 2 ** 30 - 1) / 2 ** 30;
  }
  chance(p: number): boolean {
    return this.unit() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.unit() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /** A date uniformly between two dates (inclusive). */
  dateBetween(from: string, to: string): string {
    return fromDayNumber(this.int(days(from), days(to)));
  }
  /** `value` rounded to a multiple of `step` (rents to 10 SEK, incomes to 100 SEK). */
  roundTo(value: number, step: number): number {
    return Math.round(value / step) * step;
  }
}
