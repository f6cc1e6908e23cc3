import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { householdLookup } from "../../src/mechanisms/prepare.js";

// Explanations find a household by id: by binary search when the ids rise strictly, by a map when that finds nothing.
describe("householdLookup", () => {
  it("finds every household at its index and no other id, whether the ids are in order or not", () => {
    let inOrder = 0;
    let outOfOrder = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,6}$/), { maxLength: 40 }), fc.boolean(), fc.array(fc.stringMatching(/^[A-Za-z0-9._:-]{1,7}$/), { maxLength: 10 }), (ids, sort, probes) => {
        if (sort) ids.sort();
        const lookup = householdLookup(ids);
        ids.forEach((id, i) => expect(lookup.get(id)).toBe(i));
        for (const probe of probes) expect(lookup.get(probe)).toBe(ids.includes(probe) ? ids.indexOf(probe) : undefined);
        const ordered = ids.every((id, i) => i === 0 || ids[i - 1]! < id);
        if (ordered && ids.length > 2) inOrder++;
        if (!ordered) outOfOrder++;
      }),
      { numRuns: 300 },
    );
    expect(inOrder).toBeGreaterThan(30);
    expect(outOfOrder).toBeGreaterThan(30);
  });

  it("finds nothing among no households", () => {
    expect(householdLookup([]).get("H-1")).toBeUndefined();
  });
});
