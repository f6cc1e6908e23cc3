/**
 * A matching instance compiled to flat arrays: households and apartments are indices.
 * Household h's acceptable apartments, most preferred first, are `prefApartment[prefStart[h] .. prefStart[h + 1])`.
 * Apartment a orders its applicants by `rank[a's ruleOf][h]` (lower is higher priority; ranks are unique per rule).
 */
export interface CompiledInstance {
  households: number;
  apartments: number;
  prefStart: Int32Array;
  prefApartment: Int32Array;
  /** Letting-rule index of each apartment. */
  ruleOf: Uint8Array;
  /** Per letting-rule index: every household's position in that rule's priority order (0 = first). */
  rank: readonly Int32Array[];
}

/** Apartment held by each household (-1 = none) and household holding each apartment (-1 = none). */
export interface Matching {
  apartmentOf: Int32Array;
  householdOf: Int32Array;
  /** Index into `prefApartment` of each household's match (-1 = none): its position in its own list. */
  prefIndexOf: Int32Array;
}

/**
 * Household-proposing deferred acceptance (Gale–Shapley), one seat per apartment.
 * The outcome is the household-optimal stable matching: no justified envy, no waste,
 * and truthful ranking is a dominant strategy for households. O(total preference entries), no allocation per proposal.
 */
export function deferredAcceptance(inst: CompiledInstance): Matching {
  const { households, apartments, prefStart, prefApartment, ruleOf, rank } = inst;
  const householdOf = new Int32Array(apartments).fill(-1);
  const next = new Int32Array(households);
  const free = new Int32Array(households);
  let top = 0;
  for (let h = households - 1; h >= 0; h--) {
    next[h] = prefStart[h]!;
    free[top++] = h;
  }
  while (top > 0) {
    let h = free[--top]!;
    // h proposes down its list until held; a displaced household continues in the same loop.
    while (h !== -1) {
      const end = prefStart[h + 1]!;
      let placed = false;
      while (next[h]! < end) {
        const a = prefApartment[next[h]!]!;
        next[h]!++;
        const current = householdOf[a]!;
        if (current === -1) {
          householdOf[a] = h;
          placed = true;
          h = -1;
          break;
        }
        const r = rank[ruleOf[a]!]!;
        if (r[h]! < r[current]!) {
          householdOf[a] = h;
          placed = true;
          h = current;
          break;
        }
      }
      if (!placed) h = -1;
    }
  }
  const apartmentOf = new Int32Array(households).fill(-1);
  const prefIndexOf = new Int32Array(households).fill(-1);
  for (let a = 0; a < apartments; a++) {
    const h = householdOf[a]!;
    if (h !== -1) apartmentOf[h] = a;
  }
  for (let h = 0; h < households; h++) {
    const a = apartmentOf[h]!;
    if (a === -1) continue;
    for (let i = prefStart[h]!; i < prefStart[h + 1]!; i++) {
      if (prefApartment[i] === a) {
        prefIndexOf[h] = i;
        break;
      }
    }
  }
  return { apartmentOf, householdOf, prefIndexOf };
}
