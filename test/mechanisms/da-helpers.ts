import type { CompiledInstance } from "../../src/mechanisms/deferred-acceptance.js";

/** Readable instance: each household's acceptable apartments best first; each apartment's priority over households, best first. */
export interface SmallInstance {
  prefs: number[][];
  priorities: number[][];
}

/** Compiles with one letting rule per apartment so every apartment can have its own priority order. */
export function compileSmall({ prefs, priorities }: SmallInstance): CompiledInstance {
  const households = prefs.length;
  const apartments = priorities.length;
  const prefStart = new Int32Array(households + 1);
  const flat: number[] = [];
  prefs.forEach((list, h) => {
    prefStart[h] = flat.length;
    flat.push(...list);
  });
  prefStart[households] = flat.length;
  const rank = priorities.map((order) => {
    const r = new Int32Array(households).fill(households);
    order.forEach((h, i) => (r[h] = i));
    return r;
  });
  return { households, apartments, prefStart, prefApartment: Int32Array.from(flat), ruleOf: Uint8Array.from(priorities.map((_, a) => a)), rank };
}

/** Blocking pairs of a matching, checked directly from the readable instance (independent of the engine). */
export function blockingPairs(inst: SmallInstance, apartmentOf: ArrayLike<number>): [number, number][] {
  const holder = new Map<number, number>();
  for (let h = 0; h < inst.prefs.length; h++) if (apartmentOf[h]! >= 0) holder.set(apartmentOf[h]!, h);
  const out: [number, number][] = [];
  inst.prefs.forEach((list, h) => {
    const mine = apartmentOf[h]!;
    const cut = mine === -1 ? list.length : list.indexOf(mine);
    for (const a of list.slice(0, cut)) {
      const other = holder.get(a);
      const pri = inst.priorities[a]!;
      // Envy is justified (or the seat is wasted) if the apartment is empty or h outranks its holder there.
      if (pri.includes(h) && (other === undefined || pri.indexOf(h) < pri.indexOf(other))) out.push([h, a]);
    }
  });
  return out;
}

/** Every stable matching by brute force (small instances only). */
export function allStableMatchings(inst: SmallInstance): number[][] {
  const H = inst.prefs.length;
  const results: number[][] = [];
  const current = new Array<number>(H).fill(-1);
  const used = new Set<number>();
  const go = (h: number): void => {
    if (h === H) {
      if (blockingPairs(inst, current).length === 0) results.push([...current]);
      return;
    }
    current[h] = -1;
    go(h + 1);
    for (const a of inst.prefs[h]!) {
      if (used.has(a) || !inst.priorities[a]!.includes(h)) continue;
      used.add(a);
      current[h] = a;
      go(h + 1);
      used.delete(a);
      current[h] = -1;
    }
  };
  go(0);
  return results;
}
