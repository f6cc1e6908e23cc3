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
  const state = proposals(inst);
  const { households, apartments, prefStart, prefApartment } = inst;
  const { householdOf } = state;
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

/** Where deferred acceptance stands: the household holding each apartment, and where each household proposes next. */
export interface ProposalState {
  householdOf: Int32Array;
  /** Index into `prefApartment` of each household's next proposal (into `HouseholdVariant.prefs` for the variant household). */
  next: Int32Array;
}

/**
 * One household in a changed form, for counterfactuals: its acceptable apartments, most preferred first, and how it
 * compares with any other household under a letting rule. Every other household keeps its preferences and its order
 * relative to the others.
 */
export interface HouseholdVariant {
  household: number;
  prefs: Int32Array;
  /** Negative when the variant household ranks above household `other` under letting-rule index `rule`. */
  compare(rule: number, other: number): number;
}

/**
 * Runs deferred acceptance to the end with every household proposing except `withdrawn` (-1: none). The outcome does not
 * depend on the order of proposals (McVitie and Wilson), so a household withdrawn here can propose afterwards with
 * {@link proposeFrom} and the result is the deferred acceptance of the whole instance.
 */
export function proposals(inst: CompiledInstance, withdrawn = -1): ProposalState {
  const { households, apartments, prefStart } = inst;
  const state: ProposalState = { householdOf: new Int32Array(apartments).fill(-1), next: new Int32Array(households) };
  for (let h = 0; h < households; h++) state.next[h] = prefStart[h]!;
  for (let h = households - 1; h >= 0; h--) if (h !== withdrawn) proposeFrom(inst, state, h);
  return state;
}

/**
 * Household h proposes down its list from `state.next[h]` until an apartment holds it or the list ends; a household it
 * displaces continues the same way. With `variant`, that household proposes down `variant.prefs` and is compared by
 * `variant.compare`; every other comparison uses the instance's ranks (the variant leaves the others' order unchanged).
 */
export function proposeFrom(inst: CompiledInstance, state: ProposalState, start: number, variant?: HouseholdVariant): void {
  const { prefStart, prefApartment, ruleOf, rank } = inst;
  const { householdOf, next } = state;
  const v = variant === undefined ? -1 : variant.household;
  let h = start;
  while (h !== -1) {
    const list = h === v ? variant!.prefs : prefApartment;
    const end = h === v ? variant!.prefs.length : prefStart[h + 1]!;
    let displaced = -1;
    let placed = false;
    while (next[h]! < end) {
      const a = list[next[h]!]!;
      next[h]!++;
      const current = householdOf[a]!;
      if (current === -1) {
        householdOf[a] = h;
        placed = true;
        break;
      }
      const rule = ruleOf[a]!;
      const higher = h === v ? variant!.compare(rule, current) < 0 : current === v ? variant!.compare(rule, h) > 0 : rank[rule]![h]! < rank[rule]![current]!;
      if (higher) {
        householdOf[a] = h;
        displaced = current;
        placed = true;
        break;
      }
    }
    h = placed ? displaced : -1;
  }
}
