import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allocateRun, explainHousehold, renderExplanation } from "../../src/explain/index.js";
import { scenarioInput } from "./scenarios.js";

const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
const inCi = process.env["CI"] !== undefined && process.env["CI"] !== "";
/** Screenshots land in a gitignored folder (`/tmp/` in .gitignore is the repository's tmp/). */
const OUT = fileURLToPath(new URL("../../tmp/explain-screenshots/", import.meta.url));

if (!present && !inCi) console.warn(`skipping the HTML browser test: ${CHROMIUM} is absent (apt-get install -y chromium); in CI it must run`);

describe.skipIf(!present && !inCi)("explanation HTML in headless Chromium", () => {
  it("shows the outcome at phone and desktop width, without horizontal scrolling on a phone", async () => {
    const { chromium } = await import("playwright-core");
    const r = allocateRun(scenarioInput());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    mkdirSync(OUT, { recursive: true });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      for (const [household, lang, expected] of [
        ["H-0001", "sv", "Du har fått förslag på lägenhet A-102 i Centrum."],
        ["H-0004", "en", "You have not been offered an apartment this time."],
      ] as const) {
        const x = explainHousehold(r.value.run, r.value.result, household, { audience: "household" });
        if (!x.ok) throw new Error("explain failed");
        const file = `${OUT}${household}.${lang}.html`;
        writeFileSync(file, renderExplanation(x.value, { lang, format: "html" }));
        for (const [name, width] of [["phone", 390], ["desktop", 1280]] as const) {
          const page = await browser.newPage({ viewport: { width, height: 844 } });
          const requests: string[] = [];
          page.on("request", (req) => requests.push(req.url()));
          await page.goto(`file://${file}`);
          const outcome = page.locator("#outcome");
          expect(await outcome.isVisible()).toBe(true);
          expect(await outcome.innerText()).toContain(expected);
          const box = await outcome.boundingBox();
          expect(box!.y).toBeLessThan(400);
          const overflow = (await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")) as number;
          expect(overflow).toBeLessThanOrEqual(0);
          expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
          await page.screenshot({ path: `${OUT}${household}.${lang}.${name}.png`, fullPage: true });
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  });
});
