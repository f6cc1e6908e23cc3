import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { reportHtml } from "../../src/followup/index.js";

const CHROMIUM = "/usr/bin/chromium";
/** Screenshots land in the gitignored scratch folder for a person to look at. */
const OUT = fileURLToPath(new URL("../../.scratch/followup/", import.meta.url));
const BATCH = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8")) as Record<string, unknown>;
const INCOME_PRIORITY_OFF = { extends: "orebro", lettingRules: { "income-priority": { order: ["queue-days", "lottery"] } } };

const available = existsSync(CHROMIUM);
if (!available && process.env["CI"] === undefined) {
  console.warn(`report.browser.test: skipped, ${CHROMIUM} is missing (apt-get install -y chromium). In CI this test fails instead.`);
}

describe.skipIf(!available && process.env["CI"] === undefined)("HTML report in headless Chromium", () => {
  it("renders offline, with the key figures visible", async () => {
    const { chromium } = await import("playwright-core");
    const html = reportHtml(BATCH, { whatIf: INCOME_PRIORITY_OFF });
    if (!html.ok) throw new Error(JSON.stringify(html.issues));
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}report.html`, html.value);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1400 }, javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.setContent(html.value, { waitUntil: "load" });

      // Self-contained: the page asks for nothing.
      expect(requests).toEqual([]);
      await expect(page.title()).resolves.toContain("Fördelningsrapport");

      // Key figures, read from the rendered page (not the source): 300 households, 61 vacancies, 0 children overcrowded.
      const figure = (id: string) => page.locator(`[data-figure="${id}"] .value`);
      expect(await figure("households").innerText()).toBe("300");
      expect(await figure("apartments").innerText()).toBe("61");
      expect(await figure("overcrowded-children").innerText()).toBe("0");
      for (const id of ["households", "apartments", "housed", "unmatched", "overcrowded-children", "rent-guarantee-share", "homeless-households", "what-if-a", "what-if-b"]) {
        expect(await figure(id).isVisible(), id).toBe(true);
      }
      const housed = Number(await figure("housed").innerText());
      const unmatched = Number(await figure("unmatched").innerText());
      expect(housed + unmatched).toBe(300);
      expect(await figure("rent-guarantee-share").innerText()).toMatch(/^\d{1,3} %$/);

      // Headings in Swedish with English, and the SVG charts drawn with a real size.
      await expect(page.getByRole("heading", { name: /Barn placerade i trångboddhet/ }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole("heading", { name: /What if: two policies compared/ }).isVisible()).resolves.toBe(true);
      const charts = page.locator("svg.chart");
      expect(await charts.count()).toBeGreaterThanOrEqual(6);
      const box = await charts.first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
      // Every district is visible on the page.
      for (const d of new Set((BATCH["apartments"] as { district: string }[]).map((a) => a.district))) {
        expect(await page.locator("#districts td", { hasText: new RegExp(`^${d}$`) }).first().isVisible(), d).toBe(true);
      }

      await page.screenshot({ path: `${OUT}report-top.png` });
      await page.screenshot({ path: `${OUT}report-full.png`, fullPage: true });
      expect(existsSync(`${OUT}report-full.png`)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
