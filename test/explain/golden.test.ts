import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allocateRun, explainApartment, explainHousehold, renderApartmentExplanation, renderExplanation } from "../../src/explain/index.js";
import { GOLDEN_CASES, scenarioInput } from "./scenarios.js";

const dir = new URL("./golden/", import.meta.url);
const update = process.env["UPDATE_GOLDEN"] === "1";

/** Compares with the reviewed file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
function golden(name: string, text: string): void {
  const file = new URL(name, dir);
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`missing golden file ${name}: run UPDATE_GOLDEN=1 npx vitest run test/explain and review it`);
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, "utf8"));
}

describe("golden explanations (reviewed for plain language)", () => {
  const r = allocateRun(scenarioInput());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const { run, result } = r.value;

  it("the scenario allocates as the golden files assume", () => {
    expect(result.proposals.map((p) => [p.householdId, p.apartmentId, p.rentGuaranteeRequired])).toEqual([
      ["H-0001", "A-102", false],
      ["H-0002", "A-101", false],
      ["H-0005", "A-201", false],
      ["H-0006", "A-103", true],
    ]);
  });

  for (const c of GOLDEN_CASES) {
    for (const lang of ["sv", "en"] as const) {
      it(`${c.name} (${c.audience}, ${lang})`, () => {
        const x = explainHousehold(run, result, c.household, { audience: c.audience });
        if (!x.ok) throw new Error(JSON.stringify(x.issues));
        golden(`${c.name}.${lang}.txt`, renderExplanation(x.value, { lang, format: "text" }));
        golden(`${c.name}.${lang}.md`, renderExplanation(x.value, { lang, format: "markdown" }));
      });
    }
  }

  it("the landlord's view of a social-priority apartment (no sensitive group, no safety reasons)", () => {
    const x = explainApartment(run, result, "A-201", "landlord");
    if (!x.ok) throw new Error(JSON.stringify(x.issues));
    const text = renderApartmentExplanation(x.value, { lang: "sv" });
    golden("apartment-A-201-landlord.sv.txt", text);
    expect(text).not.toContain("Våldsutsatta");
    expect(renderApartmentExplanation(x.value, { lang: "en" })).not.toContain("violence");
  });

  it("a household's own explanation names the holder's queue days but not its sensitive group", () => {
    const queue = explainHousehold(run, result, "H-0001", { audience: "household" });
    const group = explainHousehold(run, result, "H-0004", { audience: "household" });
    const cw = explainHousehold(run, result, "H-0004", { audience: "caseworker" });
    if (!queue.ok || !group.ok || !cw.ok) throw new Error("explain failed");
    expect(renderExplanation(queue.value)).toContain("1 812 dagar i kön, du hade 640");
    expect(renderExplanation(queue.value, { lang: "en" })).toContain("1,812 days in the queue, against your 640");
    expect(renderExplanation(queue.value)).toContain("Med minst 1 813 dagar i bostadskön (du hade 640) hade du fått den här lägenheten.");
    expect(renderExplanation(group.value)).toContain("en grupp med högre prioritet");
    expect(renderExplanation(group.value)).not.toContain("Våldsutsatta");
    expect(renderExplanation(cw.value)).toContain("Våldsutsatta i nära relation");
    for (const v of [queue.value, group.value, cw.value]) expect(renderExplanation(v)).not.toMatch(/H-0002|H-0005/);
  });

  it("an unknown household is an issue, not an exception", () => {
    const x = explainHousehold(run, result, "H-9999");
    expect(x.ok).toBe(false);
    if (!x.ok) expect(x.issues[0]).toMatchObject({ code: "unknown_household", path: ["--household"] });
  });

  it("HTML escapes every piece of data", () => {
    const raw = scenarioInput() as unknown as { apartments: { district: string }[] };
    raw.apartments[1]!.district = `<script>alert("x")</script>&`;
    const again = allocateRun(raw);
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    const x = explainHousehold(again.value.run, again.value.result, "H-0001");
    if (!x.ok) throw new Error("explain failed");
    const html = renderExplanation(x.value, { format: "html" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;");
    expect(html).not.toMatch(/(src|href)=|@import|url\(/);
    const md = renderExplanation(x.value, { format: "markdown" });
    expect(md).not.toContain("<script>");
  });
});
