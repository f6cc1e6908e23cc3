import { HOUSING_SITUATIONS } from "../model/enums.js";
import type { Message } from "../model/issue.js";
import { QUEUE_BANDS } from "./common.js";
import { CHECK_LABEL, LETTING_RULE_LABEL, SITUATION_LABEL } from "./labels.js";
import type { AllocationReport } from "./report.js";
import { GENDER_KEYS, type GenderKey, type HomelessnessSnapshot } from "./snapshot.js";
import { barChart, esc } from "./svg.js";
import type { WhatIfReport } from "./what-if.js";

/** Counts from 1 to this minus one are shown as "1–2" in breakdowns by sensitive dimensions (situation, group, gender). */
export const SUPPRESS_BELOW = 3;


const GENDER_LABEL: Record<GenderKey, Message> = {
  female: { sv: "Kvinna/flicka", en: "Female" },
  male: { sv: "Man/pojke", en: "Male" },
  other: { sv: "Annat", en: "Other" },
  unknown: { sv: "Okänt", en: "Unknown" },
  "not-given": { sv: "Ej angivet", en: "Not given" },
};

/** Swedish first, English after it (marked with its language). */
const t = (m: Message): string => `${esc(m.sv)} <span class="en" lang="en">/ ${esc(m.en)}</span>`;
const m = (sv: string, en: string): Message => ({ sv, en });
/** Chart text: both languages on one line. */
const both = (msg: Message): string => `${msg.sv} / ${msg.en}`;

/** A count in a breakdown by a sensitive dimension: 1–2 is shown as "1–2" (small-number suppression). */
export function suppressed(n: number): string {
  return n > 0 && n < SUPPRESS_BELOW ? `1–${SUPPRESS_BELOW - 1}` : String(n);
}
const barValue = (n: number): number => (n > 0 && n < SUPPRESS_BELOW ? 0 : n);

const pct = (share: number | null): string => (share === null ? "–" : `${Math.round(share * 100)} %`);

function table(headers: readonly Message[], rows: readonly (readonly string[])[], numericFrom = 1): string {
  const head = headers.map((h, i) => `<th${i >= numericFrom ? ' class="num"' : ""}>${t(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function section(id: string, title: Message, body: string, note?: Message): string {
  return `<section id="${esc(id)}"><h2>${t(title)}</h2>${note ? `<p class="note">${t(note)}</p>` : ""}\n${body}\n</section>`;
}

function figure(label: Message, value: string, state: "ok" | "bad" | "plain" = "plain", testId?: string): string {
  return `<div class="figure ${state}"${testId ? ` data-figure="${esc(testId)}"` : ""}><div class="value">${esc(value)}</div><div class="flabel">${t(label)}</div></div>`;
}

const CSS = `
:root{--ink:#1a202c;--muted:#4a5568;--line:#cbd5e0;--ok:#276749;--bad:#9b2c2c;--bg:#f7fafc}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);margin:0;background:#fff}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
.en{color:var(--muted);font-weight:normal}
.meta{color:var(--muted);font-size:13px}.meta code{font-size:12px}
.note{color:var(--muted);font-size:13px;margin:4px 0 10px}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin:16px 0}
.figure{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.figure .value{font-size:28px;font-weight:700}.figure .flabel{font-size:13px;overflow-wrap:anywhere}
.figure.ok{border-color:var(--ok)}.figure.ok .value{color:var(--ok)}.figure.bad{border-color:var(--bad);background:#fff5f5}.figure.bad .value{color:var(--bad)}
table{border-collapse:collapse;margin:8px 0 12px;font-size:14px}th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--bg)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.over td{color:var(--bad);font-weight:700}
svg.chart{display:block;margin:8px 0 12px;max-width:100%;height:auto}
svg .label,svg .value,svg .legend{font:12px system-ui,Arial,sans-serif;fill:var(--ink)}
svg .marker{stroke:var(--bad);stroke-width:2;stroke-dasharray:4 3}svg .marker-label{font:11px system-ui,Arial,sans-serif;fill:var(--bad)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{main{padding:0}h2{break-after:avoid}section{break-inside:avoid}}
`;

/**
 * Renders the report as one self-contained HTML page: inline CSS and inline SVG, no scripts, no external resources.
 * Every text is escaped; only aggregates and pseudonymous landlord/building ids appear.
 *
 * @example writeFileSync("report.html", renderReportHtml(buildReport(input).value))
 */
export function renderReportHtml(r: AllocationReport): string {
  const parts: string[] = [];
  parts.push(header(r));
  parts.push(keyFigures(r));
  parts.push(districtsSection(r));
  parts.push(rulesSection(r));
  parts.push(capsSection(r));
  parts.push(housingFirstSection(r));
  parts.push(overcrowdingSection(r));
  parts.push(waitingSection(r));
  parts.push(unmatchedSection(r));
  parts.push(rentGuaranteeSection(r));
  parts.push(snapshotSection(r.snapshot));
  if (r.whatIf) parts.push(whatIfSection(r.whatIf));
  parts.push(
    `<footer><p>${t(m(`Små tal (1–${SUPPRESS_BELOW - 1}) visas som "1–${SUPPRESS_BELOW - 1}" i uppdelningar efter boendesituation, prioritetsgrupp och kön. Endast aggregat och pseudonyma id:n.`, `Small counts (1–${SUPPRESS_BELOW - 1}) are shown as "1–${SUPPRESS_BELOW - 1}" in breakdowns by housing situation, priority group and gender. Aggregates and pseudonymous ids only.`))}</p>
<p>${esc(r.audit.engine)} · policy ${esc(r.audit.policy.id)}@${esc(r.audit.policy.version)} sha256 <code>${esc(r.audit.policy.sha256.slice(0, 16))}…</code> · input sha256 <code>${esc(r.audit.inputSha256.slice(0, 16))}…</code></p></footer>`,
  );
  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Fördelningsrapport / Allocation report – ${esc(r.policy.label.sv)} ${esc(r.audit.asOf)}</title>
<style>${CSS}</style>
</head>
<body><main>
${parts.join("\n")}
</main></body>
</html>
`;
}

function header(r: AllocationReport): string {
  return `<header><h1>Fördelningsrapport <span class="en" lang="en">/ Allocation report</span></h1>
<p class="meta">${t(r.policy.label)} · ${t(m("Beräkningsdag", "Evaluation date"))}: ${esc(r.audit.asOf)} · ${t(m("Lottningsfrö", "Lottery seed"))}: <code>${esc(r.audit.seed)}</code> · ${t(m("Mekanism", "Mechanism"))}: ${esc(r.audit.mechanism)}</p></header>`;
}

function keyFigures(r: AllocationReport): string {
  const s = r.snapshot;
  return `<section id="key-figures"><h2>${t(m("Nyckeltal", "Key figures"))}</h2><div class="figures">
${figure(m("Hushåll i omgången", "Households in the batch"), String(r.totals.households), "plain", "households")}
${figure(m("Lediga lägenheter", "Vacancies"), String(r.totals.apartments), "plain", "apartments")}
${figure(m("Fick bostad", "Housed"), String(r.totals.housed), "plain", "housed")}
${figure(m("Utan bostad", "Not housed"), String(r.totals.unmatched), "plain", "unmatched")}
${figure(m("Ej uthyrda lägenheter", "Vacancies not let"), String(r.totals.unfilled), "plain", "unfilled")}
${figure(m("Barn placerade i trångboddhet (mål 0)", "Children placed into overcrowding (goal 0)"), String(r.overcrowding.children), r.overcrowding.children === 0 ? "ok" : "bad", "overcrowded-children")}
${figure(m("Andel med hyresgaranti", "Share needing a rent guarantee"), pct(r.rentGuarantee.share), "plain", "rent-guarantee-share")}
${figure(m("Barnfamiljer på hotell/vandrarhem/härbärge (mål 0)", "Families with children in hotel/hostel/shelter (goal 0)"), suppressed(s.familiesInHotelHostelShelter.households), s.familiesInHotelHostelShelter.households === 0 ? "ok" : "bad", "families-hotel")}
</div></section>`;
}

function districtsSection(r: AllocationReport): string {
  const chart = barChart({
    title: "Uthyrningar och lediga lägenheter per stadsdel / Lettings and vacancies per district",
    series: ["Lediga / Vacancies", "Uthyrda / Let"],
    bars: r.districts.map((d) => ({ label: d.district, values: [d.vacancies, d.lettings] })),
  });
  const rules = r.lettingRules.map((x) => x.lettingRule);
  const rows = r.districts.map((d) => [esc(d.district), String(d.vacancies), String(d.lettings), ...rules.map((rule) => String(d.byRule[rule] ?? 0))]);
  return section("districts", m("Uthyrningar per stadsdel och uthyrningsregel", "Lettings per district and letting rule"), chart + table([m("Stadsdel", "District"), m("Lediga", "Vacancies"), m("Uthyrda", "Let"), ...rules.map((x) => LETTING_RULE_LABEL[x])], rows));
}

function rulesSection(r: AllocationReport): string {
  const chart = barChart({
    title: "Uthyrningar per uthyrningsregel / Lettings per letting rule",
    series: ["Lediga / Vacancies", "Uthyrda / Let"],
    bars: r.lettingRules.map((x) => ({ label: both(LETTING_RULE_LABEL[x.lettingRule]), values: [x.vacancies, x.lettings] })),
  });
  return section("letting-rules", m("Uthyrningar per uthyrningsregel", "Lettings per letting rule"), chart);
}

function capsSection(r: AllocationReport): string {
  if (r.incomePriority.length === 0) {
    return section("income-priority", m("Förtur för arbetsinkomst: tak", "Income priority: caps"), `<p>${t(m("Inget bestånd angivet; inga inkomstprioriterade lägenheter.", "No stock given; no income-priority vacancies."))}</p>`);
  }
  const blocks = r.incomePriority.map((l) => {
    const rows: { label: string; count: number; cap: number; extra: string }[] = [
      { label: `${l.landlord} (${Math.round(l.maxShare * 100)} % av/of ${l.totalApartments})`, count: l.total.count, cap: l.total.cap, extra: `${l.total.standing} + ${l.total.batch}` },
      ...l.districts.map((d) => ({ label: `${d.district} (${Math.round(d.maxShare * 100)} % av/of ${d.apartments})`, count: d.count, cap: d.cap, extra: `${d.standing} + ${d.batch}` })),
    ];
    const chart = barChart({
      title: `Användning av taket hos ${l.landlord} / Cap usage at ${l.landlord}`,
      bars: rows.map((x) => ({ label: x.label, values: [x.cap === 0 ? 0 : Math.round((x.count / x.cap) * 100)], shown: [`${x.count} / ${x.cap}`] })),
      marker: { value: 100, label: "tak / cap" },
      max: 110,
      width: 720,
    });
    const tbl = table(
      [m("Bestånd", "Stock"), m("Befintliga + denna omgång", "Standing + this batch"), m("Antal", "Count"), m("Tak", "Cap"), m("Andel av taket", "Share of cap")],
      rows.map((x) => [esc(x.label), esc(x.extra), String(x.count), String(x.cap), pct(x.cap === 0 ? null : x.count / x.cap)]),
    );
    return `<h3>${esc(l.landlord)}</h3>${chart}${tbl}`;
  });
  return section("income-priority", m("Förtur för arbetsinkomst: användning mot taken 10 % / 80 %", "Income priority: usage against the 10 % / 80 % caps"), blocks.join("\n"), m("Högst 10 % av hyresvärdens bestånd och högst 80 % i en stadsdel (002_50ae62936fea26ff.txt).", "At most 10 % of the landlord's stock and at most 80 % in one district (002_50ae62936fea26ff.txt)."));
}

function housingFirstSection(r: AllocationReport): string {
  if (r.housingFirst.length === 0) return section("housing-first", m("Bostad Först per fastighet", "Housing First units per building"), `<p>${t(m("Inga Bostad Först-lägenheter.", "No Housing First units."))}</p>`);
  const rows = r.housingFirst.map((b) => [esc(b.building), String(b.standing), String(b.batch), String(b.letThisBatch), String(b.count), String(b.cap)]);
  return section(
    "housing-first",
    m("Bostad Först per fastighet", "Housing First units per building"),
    table([m("Fastighet", "Building"), m("Befintliga", "Standing"), m("Lediga i omgången", "Vacancies in batch"), m("Uthyrda i omgången", "Let in batch"), m("Totalt", "Total"), m("Tak", "Cap")], rows),
    m("Lägenheterna ska vara spridda i det ordinarie beståndet (004_5a2b35a83f025ea8.txt).", "Units are scattered in the ordinary stock (004_5a2b35a83f025ea8.txt)."),
  );
}

function overcrowdingSection(r: AllocationReport): string {
  const ok = r.overcrowding.children === 0;
  return section(
    "overcrowding",
    m("Barn placerade i trångboddhet", "Children placed into overcrowding"),
    `<div class="figures">${figure(m("Barn", "Children"), String(r.overcrowding.children), ok ? "ok" : "bad")}${figure(m("Hushåll", "Households"), String(r.overcrowding.households), ok ? "ok" : "bad")}</div>`,
    m("Räknat på förslagen med Örebros definition: fler än två personer per sovrum, barn under två år räknas inte (002_50ae62936fea26ff.txt). Ska vara 0.", "Counted on the proposals with Örebro's definition: more than two persons per bedroom, children under two not counted (002_50ae62936fea26ff.txt). Must be 0."),
  );
}

function waitingSection(r: AllocationReport): string {
  const { housed, notHoused } = r.waiting;
  const chart = barChart({
    title: "Kötid: fick bostad och utan bostad / Queue time: housed and not housed",
    series: ["Fick bostad / Housed", "Utan bostad / Not housed"],
    bars: QUEUE_BANDS.map((b, i) => ({ label: both(b.label), values: [housed.bands[i]!.households, notHoused.bands[i]!.households] })),
  });
  const med = (d: number | null): string => (d === null ? "–" : `${Math.round(d)}`);
  const tbl = table([m("Grupp", "Group"), m("Hushåll", "Households"), m("Median kötid (dagar)", "Median queue time (days)")], [
    [t(m("Fick bostad", "Housed")), String(housed.households), med(housed.medianQueueDays)],
    [t(m("Utan bostad", "Not housed")), String(notHoused.households), med(notHoused.medianQueueDays)],
  ]);
  return section("waiting", m("Kötid för dem som fick bostad och dem som inte fick", "Waiting times of housed and not housed"), chart + tbl);
}

function unmatchedSection(r: AllocationReport): string {
  const u = r.unmatched;
  const main = barChart({
    title: "Huvudskäl / Main reason",
    bars: [
      { label: "Sökte ingen / Ranked none", values: [u.byMainReason["no-choices"]] },
      { label: "Ej behörig / Not eligible", values: [u.byMainReason.ineligible] },
      { label: "Annan gick före / Outranked", values: [u.byMainReason.outranked] },
    ],
  });
  const checks = u.failedChecks.length === 0 ? "" : `<h3>${t(m("Villkor som inte uppfylldes (minst ett av hushållets val)", "Checks failed (for at least one of the household's choices)"))}</h3>${barChart({
    title: "Villkor som inte uppfylldes / Checks failed",
    bars: u.failedChecks.map((c) => ({ label: both(CHECK_LABEL[c.code]), values: [c.households] })),
  })}`;
  return section("unmatched", m(`Varför ${u.households} hushåll blev utan bostad`, `Why ${u.households} households went without`), main + checks);
}

function rentGuaranteeSection(r: AllocationReport): string {
  const g = r.rentGuarantee;
  return section(
    "rent-guarantee",
    m("Behov av hyresgaranti", "Need for a rent guarantee"),
    `<p>${t(m(`${g.required} av ${g.housed} förslag (${pct(g.share)}) bygger på en kommunal hyresgaranti.`, `${g.required} of ${g.housed} proposals (${pct(g.share)}) rely on a municipal rent guarantee.`))}</p>`,
    m("Garantierna följs upp två gånger per år (003_a6b4b33b68e1eed4.txt).", "Guarantees are reviewed twice a year (003_a6b4b33b68e1eed4.txt)."),
  );
}

function snapshotSection(s: HomelessnessSnapshot): string {
  const chart = barChart({
    title: "Hushåll per boendesituation / Households per housing situation",
    series: ["Hushåll / Households", "Personer / Persons"],
    bars: HOUSING_SITUATIONS.map((x) => {
      const v = s.bySituation[x];
      return { label: both(SITUATION_LABEL[x]).replace(/ \/ \d /, " / "), values: [barValue(v.households), barValue(v.persons)], shown: [suppressed(v.households), suppressed(v.persons)] };
    }),
    width: 760,
  });
  const sit = table(
    [m("Situation", "Situation"), m("Hushåll", "Households"), m("Personer", "Persons"), m("Barn", "Children"), m("Hushåll med barn", "Households with children")],
    HOUSING_SITUATIONS.map((x) => {
      const v = s.bySituation[x];
      return [t(SITUATION_LABEL[x]), suppressed(v.households), suppressed(v.persons), suppressed(v.children), suppressed(v.householdsWithChildren)];
    }),
  );
  const figures = `<div class="figures">
${figure(m("Hemlösa hushåll (situation 1–4)", "Homeless households (situations 1–4)"), String(s.homeless.households), "plain", "homeless-households")}
${figure(m("Personer i hemlöshet", "Persons homeless"), String(s.homeless.persons))}
${figure(m("Berörda barn (1–4 och vräkningsrisk)", "Children affected (1–4 and eviction risk)"), String(s.childrenAffected), "plain", "children-affected")}
${figure(m("Hemlösa mer än sex månader", "Homeless more than six months"), String(s.homelessOverSixMonths.households))}
${figure(m("Utskrivning inom tre månader utan bostad", "Institution discharge within three months, no home"), suppressed(s.institutionDischargeWithinThreeMonths.households))}
${figure(m("Barnfamiljer på hotell/vandrarhem/härbärge (mål 0)", "Families with children in hotel/hostel/shelter (goal 0)"), suppressed(s.familiesInHotelHostelShelter.households), s.familiesInHotelHostelShelter.households === 0 ? "ok" : "bad")}
</div>`;
  const groups = table(
    [m("Prioritetsgrupp", "Priority group"), m("Hushåll", "Households"), m("Personer", "Persons"), m("Barn", "Children"), m("Varav hemlösa hushåll", "Of which homeless households")],
    s.byPriorityGroup.map((g) => [t(g.label), suppressed(g.households), suppressed(g.persons), suppressed(g.children), suppressed(g.homelessHouseholds)]),
  );
  const gender = s.byGender
    ? `<h3>${t(m("Personer efter kön (endast statistik)", "Persons by gender (statistics only)"))}</h3><p class="note">${t(m("Uppgiften används bara i denna statistik; inget villkor, ingen prioritet och ingen förklaring läser den.", "Used for these statistics only; no condition, priority key or explanation reads it."))}</p>${table(
        [m("Kön", "Gender"), m("Alla personer", "All persons"), m("I hemlöshet", "Homeless")],
        GENDER_KEYS.map((k) => [t(GENDER_LABEL[k]), suppressed(s.byGender!.persons[k]), suppressed(s.byGender!.homelessPersons[k])]),
      )}`
    : "";
  return section(
    "snapshot",
    m(`Hemlöshetsläget ${s.asOf}`, `Homelessness snapshot ${s.asOf}`),
    `${figures}${chart}${sit}<h3>${t(m("Per prioritetsgrupp", "Per priority group"))}</h3>${groups}${gender}`,
    m("Socialstyrelsens fyra situationer (000_dd672170781422c7.txt); en kartläggning per år (003_a6b4b33b68e1eed4.txt). Hushållen i omgången, inte hela kommunen.", "Socialstyrelsen's four situations (000_dd672170781422c7.txt); one mapping a year (003_a6b4b33b68e1eed4.txt). The batch's households, not the whole municipality."),
  );
}

function whatIfSection(w: WhatIfReport): string {
  const figures = `<div class="figures">
${figure(m(`Fick bostad under A (${w.a.id})`, `Housed under A (${w.a.id})`), String(w.a.housed), "plain", "what-if-a")}
${figure(m(`Fick bostad under B (${w.b.id})`, `Housed under B (${w.b.id})`), String(w.b.housed), "plain", "what-if-b")}
${figure(m("Fick bostad bara under B", "Housed only under B"), String(w.totals.gained), "plain", "what-if-gained")}
${figure(m("Fick bostad bara under A", "Housed only under A"), String(w.totals.lost), "plain", "what-if-lost")}
${figure(m("Annan lägenhet", "Different apartment"), String(w.totals.moved), "plain", "what-if-moved")}
</div>`;
  const counts = (c: { gained: number; lost: number; moved: number }): string[] => [suppressed(c.gained), suppressed(c.lost), suppressed(c.moved)];
  const heads = [m("Bara under B", "Only under B"), m("Bara under A", "Only under A"), m("Annan lägenhet", "Different apartment")];
  const groups = w.byGroup.length === 0 ? "" : `<h3>${t(m("Per prioritetsgrupp (under A)", "Per priority group (under A)"))}</h3>${table([m("Grupp", "Group"), ...heads], w.byGroup.map((g) => [t(g.label), ...counts(g)]))}`;
  const bands = `<h3>${t(m("Per kötid", "Per queue time"))}</h3>${table([m("Kötid", "Queue time"), ...heads], w.byQueueBand.map((b) => [t(b.label), String(b.gained), String(b.lost), String(b.moved)]))}`;
  const districts = `<h3>${t(m("Per stadsdel", "Per district"))}</h3>${barChart({
    title: "Uthyrningar per stadsdel under A och B / Lettings per district under A and B",
    series: ["A", "B"],
    bars: w.byDistrict.map((d) => ({ label: d.district, values: [d.lettingsA, d.lettingsB] })),
  })}${table([m("Stadsdel", "District"), m("Uthyrda A", "Let A"), m("Uthyrda B", "Let B"), m("Inflyttade under B", "Arrivals under B"), m("Ej längre under B", "Departures under B")], w.byDistrict.map((d) => [esc(d.district), String(d.lettingsA), String(d.lettingsB), String(d.arrivals), String(d.departures)]))}`;
  const rules = `<h3>${t(m("Per uthyrningsregel", "Per letting rule"))}</h3>${table([m("Regel", "Rule"), m("Uthyrda A", "Let A"), m("Uthyrda B", "Let B")], w.byLettingRule.map((x) => [t(LETTING_RULE_LABEL[x.lettingRule]), String(x.lettingsA), String(x.lettingsB)]))}`;
  return section(
    "what-if",
    m("Vad händer om: två policyer jämförda", "What if: two policies compared"),
    `<p>${t(m(`A = ${w.a.id}@${w.a.version} (sha256 ${w.a.sha256.slice(0, 12)}…), B = ${w.b.id}@${w.b.version} (sha256 ${w.b.sha256.slice(0, 12)}…). Samma hushåll, lägenheter och lottningsfrö.`, `A = ${w.a.id}@${w.a.version}, B = ${w.b.id}@${w.b.version}. Same households, vacancies and lottery seed.`))}</p>${figures}${groups}${bands}${districts}${rules}`,
    m("Förklaringar per hushåll finns i JSON-utdata från whatIf (pseudonyma id:n), inte i denna rapport.", "Per-household explanations are in the whatIf JSON output (pseudonymous ids), not in this report."),
  );
}
