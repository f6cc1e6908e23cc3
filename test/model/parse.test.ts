import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { IssueCode, Path } from "../../src/model/issue.js";
import { parseInput } from "../../src/model/parse.js";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixtures are edited freely

/** A small valid input (two households, two vacancies); every row starts from a fresh copy. */
function base(): Doc {
  return {
    schemaVersion: 1,
    asOf: "2026-11-21",
    seed: "orebro-2026-w47",
    policy: "orebro",
    households: [
      {
        id: "H-0001",
        members: [{ birthDate: "1984-03-02" }, { birthDate: "2025-06-01" }],
        income: [{ source: "employment", monthlySek: 21000 }],
        credit: { paymentRemarks: 0, housingDebt: false },
        housing: { situation: "acute", since: "2025-09-01", homelessSince: "2025-02-01", accommodation: "hotel" },
        needs: { accessibility: ["elevator"], excludedDistricts: ["Vivalla"] },
        decisions: {
          socialPriority: { grantedOn: "2026-10-01", validUntil: "2027-10-01", grounds: ["social"] },
          rentGuarantee: { status: "approved", maxMonthlySek: 9000, months: 6, validUntil: "2028-11-01" },
        },
        queue: { registeredOn: "2019-04-01" },
        residence: { registeredSince: "2012-01-01" },
        preferences: { ranking: ["A-017", "A-003"] },
      },
      {
        id: "H-0002",
        members: [{ birthDate: "1990-01-01" }],
        income: [{ source: "social-assistance", monthlySek: 7000 }],
        credit: { paymentRemarks: 2, housingDebt: true },
        housing: { situation: "institution", since: "2024-01-10", accommodation: "prison", moveOutBy: "2026-12-15" },
        decisions: { housingFirst: { enrolledOn: "2026-08-15" } },
        preferences: { ranking: ["A-003"] },
      },
    ],
    apartments: [
      { id: "A-017", landlord: "obo", district: "Varberga", building: "B-0412", rooms: 3, bedrooms: 2, areaSqm: 71, monthlyRentSek: 8350, floor: 2, elevator: true, wheelchairAccessible: false, lettingRule: "queue", contract: "first-hand", availableFrom: "2026-12-01" },
      { id: "A-003", landlord: "obo", district: "Centrum", building: "B-0100", rooms: 1, bedrooms: 0, areaSqm: 32, monthlyRentSek: 4100, floor: 0, elevator: false, wheelchairAccessible: true, lettingRule: "housing-first", contract: "second-hand", availableFrom: "2026-12-01" },
    ],
    stock: { housingFirstByBuilding: { "B-0412": 1 } },
  };
}

const h0 = ["households", 0] as const;
const a0 = ["apartments", 0] as const;

interface Row {
  name: string;
  edit: (d: Doc) => void;
  code: IssueCode;
  path: Path;
}

const rows: Row[] = [
  // Unknown keys are rejected at every level (a typo must not silently change an outcome).
  { name: "unknown key at the root", edit: (d) => (d.polcy = "lund"), code: "unrecognized_key", path: ["polcy"] },
  { name: "unknown key in a household", edit: (d) => (d.households[0].prefs = []), code: "unrecognized_key", path: [...h0, "prefs"] },
  { name: "unknown key in a member (e.g. a name)", edit: (d) => (d.households[0].members[0].name = "Anna"), code: "unrecognized_key", path: [...h0, "members", 0, "name"] },
  { name: "unknown key in an income", edit: (d) => (d.households[0].income[0].gross = true), code: "unrecognized_key", path: [...h0, "income", 0, "gross"] },
  { name: "unknown key in credit", edit: (d) => (d.households[0].credit.remarks = 0), code: "unrecognized_key", path: [...h0, "credit", "remarks"] },
  { name: "unknown key in housing", edit: (d) => (d.households[0].housing.bedrooms = 1), code: "unrecognized_key", path: [...h0, "housing", "bedrooms"] },
  { name: "unknown key in needs", edit: (d) => (d.households[0].needs.wheelchair = true), code: "unrecognized_key", path: [...h0, "needs", "wheelchair"] },
  { name: "unknown key in a decision", edit: (d) => (d.households[0].decisions.socialPriority.reason = "x"), code: "unrecognized_key", path: [...h0, "decisions", "socialPriority", "reason"] },
  { name: "unknown key in queue", edit: (d) => (d.households[0].queue.points = 3), code: "unrecognized_key", path: [...h0, "queue", "points"] },
  { name: "unknown key in preferences", edit: (d) => (d.households[0].preferences.districts = []), code: "unrecognized_key", path: [...h0, "preferences", "districts"] },
  { name: "unknown key in an apartment", edit: (d) => (d.apartments[0].balcony = true), code: "unrecognized_key", path: [...a0, "balcony"] },
  { name: "unknown key in stock", edit: (d) => (d.stock.total = 1), code: "unrecognized_key", path: ["stock", "total"] },
  { name: "unknown key in a policy override", edit: (d) => (d.policy = { extends: "orebro", colour: "blue" }), code: "unrecognized_key", path: ["policy", "colour"] },
  // Dates are real calendar dates written YYYY-MM-DD.
  { name: "30 February", edit: (d) => (d.asOf = "2026-02-30"), code: "invalid_date", path: ["asOf"] },
  { name: "29 February in a common year", edit: (d) => (d.households[0].members[0].birthDate = "1983-02-29"), code: "invalid_date", path: [...h0, "members", 0, "birthDate"] },
  { name: "month 13", edit: (d) => (d.apartments[0].availableFrom = "2026-13-01"), code: "invalid_date", path: [...a0, "availableFrom"] },
  { name: "date not zero-padded", edit: (d) => (d.households[0].housing.since = "2025-9-1"), code: "invalid_date", path: [...h0, "housing", "since"] },
  { name: "date with a time", edit: (d) => (d.households[1].decisions.housingFirst.enrolledOn = "2026-08-15T00:00:00Z"), code: "invalid_date", path: ["households", 1, "decisions", "housingFirst", "enrolledOn"] },
  // Ids are unique.
  { name: "duplicate household id", edit: (d) => (d.households[1].id = "H-0001"), code: "duplicate_id", path: ["households", 1, "id"] },
  { name: "duplicate apartment id", edit: (d) => (d.apartments[1].id = "A-017"), code: "duplicate_id", path: ["apartments", 1, "id"] },
  // Rankings name vacancies in the input, each once.
  { name: "unknown apartment in a ranking", edit: (d) => d.households[0].preferences.ranking.push("A-999"), code: "unknown_apartment", path: [...h0, "preferences", "ranking", 2] },
  { name: "duplicate ranking entry", edit: (d) => d.households[0].preferences.ranking.push("A-017"), code: "duplicate_ranking_entry", path: [...h0, "preferences", "ranking", 2] },
  // At least one adult (18+ at asOf).
  { name: "no adult: a 17-year-old who turns 18 the day after asOf", edit: (d) => (d.households[1].members = [{ birthDate: "2008-11-22" }]), code: "no_adult", path: ["households", 1, "members"] },
  { name: "no members at all", edit: (d) => (d.households[1].members = []), code: "too_small", path: ["households", 1, "members"] },
  // Money and counts are non-negative integers.
  { name: "negative income", edit: (d) => (d.households[0].income[0].monthlySek = -1), code: "too_small", path: [...h0, "income", 0, "monthlySek"] },
  { name: "negative rent", edit: (d) => (d.apartments[0].monthlyRentSek = -8350), code: "too_small", path: [...a0, "monthlyRentSek"] },
  { name: "fractional income", edit: (d) => (d.households[0].income[0].monthlySek = 21000.5), code: "not_integer", path: [...h0, "income", 0, "monthlySek"] },
  { name: "fractional payment remarks", edit: (d) => (d.households[0].credit.paymentRemarks = 1.5), code: "not_integer", path: [...h0, "credit", "paymentRemarks"] },
  { name: "money as a string", edit: (d) => (d.apartments[0].monthlyRentSek = "8350"), code: "invalid_type", path: [...a0, "monthlyRentSek"] },
  { name: "negative guarantee", edit: (d) => (d.households[0].decisions.rentGuarantee.maxMonthlySek = -5), code: "too_small", path: [...h0, "decisions", "rentGuarantee", "maxMonthlySek"] },
  // No date after asOf where the date must already have happened.
  { name: "birth after asOf", edit: (d) => (d.households[0].members[1].birthDate = "2026-11-22"), code: "date_after_as_of", path: [...h0, "members", 1, "birthDate"] },
  { name: "situation since after asOf", edit: (d) => (d.households[0].housing.since = "2026-12-01"), code: "date_after_as_of", path: [...h0, "housing", "since"] },
  { name: "homeless since after asOf", edit: (d) => (d.households[0].housing.homelessSince = "2027-01-01"), code: "date_after_as_of", path: [...h0, "housing", "homelessSince"] },
  { name: "queue registration after asOf", edit: (d) => (d.households[0].queue.registeredOn = "2026-11-22"), code: "date_after_as_of", path: [...h0, "queue", "registeredOn"] },
  { name: "residence after asOf", edit: (d) => (d.households[0].residence.registeredSince = "2030-01-01"), code: "date_after_as_of", path: [...h0, "residence", "registeredSince"] },
  // Ids are pseudonymous.
  { name: "id like a personal number (YYMMDD-NNNN)", edit: (d) => (d.households[0].id = "840302-1234"), code: "looks_like_personal_number", path: [...h0, "id"] },
  { name: "id like a personal number (YYYYMMDDNNNN)", edit: (d) => (d.households[0].id = "198403021234"), code: "looks_like_personal_number", path: [...h0, "id"] },
  { name: "id like a personal number (YYYYMMDD-NNNN)", edit: (d) => (d.households[1].id = "19900101-1234"), code: "looks_like_personal_number", path: ["households", 1, "id"] },
  { name: "id with a space", edit: (d) => (d.households[0].id = "H 1"), code: "invalid_format", path: [...h0, "id"] },
  // Policy.
  { name: "unknown preset", edit: (d) => (d.policy = "atlantis"), code: "unknown_preset", path: ["policy"] },
  { name: "extends an unknown preset", edit: (d) => (d.policy = { extends: "atlantis" }), code: "unknown_preset", path: ["policy", "extends"] },
  {
    name: "Housing First conditioned on sobriety",
    edit: (d) =>
      (d.policy = {
        extends: "orebro",
        lettingRules: { "housing-first": { eligible: { all: [{ fact: "decisions.housingFirst", op: "eq", value: true }, { fact: "needs.substanceUse", op: "eq", value: false }] } } },
      }),
    code: "housing_first_conditioned_on_treatment",
    path: ["policy", "lettingRules", "housing-first", "eligible"],
  },
  // Shape.
  { name: "wrong schema version", edit: (d) => (d.schemaVersion = 2), code: "invalid_value", path: ["schemaVersion"] },
  { name: "missing seed", edit: (d) => delete d.seed, code: "invalid_type", path: ["seed"] },
  { name: "unknown housing situation", edit: (d) => (d.households[0].housing.situation = "homeless"), code: "invalid_value", path: [...h0, "housing", "situation"] },
  { name: "unknown letting rule", edit: (d) => (d.apartments[0].lettingRule = "lottery"), code: "invalid_value", path: [...a0, "lettingRule"] },
  { name: "households not a list", edit: (d) => (d.households = {}), code: "invalid_type", path: ["households"] },
];

describe("parseInput: the base fixture", () => {
  it("is valid and gets the defaults of DESIGN section 3", () => {
    const result = parseInput(base());
    if (!result.ok) expect.fail(JSON.stringify(result.issues));
    const h2 = result.value.households[1]!;
    expect(h2.needs).toEqual({ solSupport: false, lssHousing: false, coOccurring: false, mentalIllness: false, substanceUse: false, accessibility: [], excludedDistricts: [] });
    expect(result.value.households[0]!.decisions.housingFirst).toBeUndefined();
    expect(result.value.policy.id).toBe("orebro");
  });

  it("accepts boundary values: an adult on their 18th birthday, 29 February in a leap year, dates equal to asOf, zero money", () => {
    const d = base();
    d.households[1].members = [{ birthDate: "2008-11-21" }];
    d.households[0].members[0].birthDate = "1984-02-29";
    d.households[0].housing.since = "2026-11-21";
    d.households[0].queue.registeredOn = "2026-11-21";
    d.households[0].income = [{ source: "other", monthlySek: 0 }];
    const result = parseInput(d);
    if (!result.ok) expect.fail(JSON.stringify(result.issues));
  });
});

describe("docs/input.md", () => {
  const doc = readFileSync(new URL("../../docs/input.md", import.meta.url), "utf8");

  it("its annotated example, without the comments, is this file's base fixture and is valid", () => {
    const block = /```jsonc\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const example = JSON.parse(block!.replace(/\s*\/\/.*$/gm, "")) as unknown;
    expect(example).toEqual(base());
    expect(parseInput(example).ok).toBe(true);
  });

  it("its sample issue is what parseInput reports for a fractional income", () => {
    const sample = JSON.parse(/An issue:\n\n```json\n([\s\S]*?)```/.exec(doc)![1]!) as unknown;
    const d = base();
    d.households[0].income[0].monthlySek = 21000.5;
    const result = parseInput(d);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(sample);
  });

  it("lists every issue code", async () => {
    const { ISSUE_CODES } = await import("../../src/model/issue.js");
    for (const code of ISSUE_CODES) expect(doc).toContain(`\`${code}\``);
  });
});

describe("parseInput: one row per validation rule", () => {
  it.each(rows)("$name → $code", ({ edit, code, path }) => {
    const d = base();
    edit(d);
    const result = parseInput(d);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => ({ code: i.code, path: i.path }))).toContainEqual({ code, path });
    for (const i of result.issues) {
      expect(i.message.sv).not.toBe("");
      expect(i.message.en).not.toBe("");
    }
  });

  it("collects every issue, not only the first", () => {
    const d = base();
    const picked = ["unknown key at the root", "month 13", "duplicate household id", "duplicate ranking entry", "birth after asOf"];
    for (const r of rows.filter((x) => picked.includes(x.name))) r.edit(d);
    const result = parseInput(d);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.issues.map((i) => i.code);
    expect(found).toEqual(expect.arrayContaining(["unrecognized_key", "invalid_date", "duplicate_id", "duplicate_ranking_entry", "date_after_as_of"]));
  });

  it("rejects an own __proto__ key from JSON.parse without polluting Object.prototype", () => {
    const text = JSON.stringify(base()).replace('"credit":', '"__proto__":{"isAdmin":true},"credit":');
    const result = parseInput(JSON.parse(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual(expect.objectContaining({ code: "forbidden_key", path: [...h0, "__proto__"] }));
    expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
  });

  it("does not echo a free-text value (possible personal data) in an issue", () => {
    const d = base();
    d.households[0].housing.situation = "Anna Andersson, 840302-1234";
    const result = parseInput(d);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("Anna");
    expect(JSON.stringify(result)).not.toContain("840302");
  });
});
