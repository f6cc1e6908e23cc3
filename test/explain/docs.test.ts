import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allocateRun, explainHousehold, renderExplanation, type Audience, type Format, type Lang } from "../../src/explain/index.js";
import { scenarioInput } from "./scenarios.js";

const DOC = new URL("../../docs/explanations.md", import.meta.url);
const EXAMPLES: Record<string, { household: string; audience: Audience; lang: Lang; format: Format }> = {
  household: { household: "H-0001", audience: "household", lang: "sv", format: "text" },
  caseworker: { household: "H-0004", audience: "caseworker", lang: "sv", format: "text" },
  auditor: { household: "H-0001", audience: "auditor", lang: "en", format: "markdown" },
};

describe("docs/explanations.md", () => {
  it("shows one example per audience exactly as the code renders it", () => {
    const r = allocateRun(scenarioInput());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    let doc = readFileSync(DOC, "utf8");
    const original = doc;
    for (const [name, e] of Object.entries(EXAMPLES)) {
      const x = explainHousehold(r.value.run, r.value.result, e.household, { audience: e.audience });
      if (!x.ok) throw new Error("explain failed");
      const fence = e.format === "markdown" ? "markdown" : "text";
      const body = `\`\`\`\`${fence}\n${renderExplanation(x.value, { lang: e.lang, format: e.format })}\`\`\`\`\n`;
      doc = doc.replace(new RegExp(`(<!-- example:${name} -->\\n)[\\s\\S]*?(<!-- /example -->)`), (_, open: string, close: string) => `${open}${body}${close}`);
    }
    if (process.env["UPDATE_DOCS"] === "1") writeFileSync(DOC, doc);
    else expect(original).toBe(doc);
  });
});
