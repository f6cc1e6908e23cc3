import { match } from "ts-pattern";
import type { Lang } from "./format.js";

/** Output formats of the renderers. */
export type Format = "text" | "markdown" | "html";
export const FORMATS = ["text", "markdown", "html"] as const satisfies readonly Format[];

/** A block of a rendered explanation; all text is plain (each serialiser escapes it for its format). */
export type Block =
  | { kind: "paragraph"; text: string; role?: "outcome" | "note" }
  | { kind: "list"; items: string[] }
  | { kind: "facts"; rows: { label: string; value: string }[] }
  | { kind: "sources"; label: string; refs: string[] }
  | { kind: "section"; heading: string; blocks: Block[] };

/** A language-resolved document: what the phrase layer produces and the serialisers print. */
export interface Doc {
  lang: Lang;
  title: string;
  subtitle: string;
  blocks: Block[];
}

/** Prints a document in a format. Pure: the same document gives the same bytes. */
export function serialize(doc: Doc, format: Format): string {
  return match(format)
    .with("text", () => toText(doc))
    .with("markdown", () => toMarkdown(doc))
    .with("html", () => toHtml(doc))
    .exhaustive();
}

function toText(doc: Doc): string {
  const out: string[] = [doc.title, "=".repeat(doc.title.length), doc.subtitle, ""];
  const walk = (blocks: readonly Block[], level: number): void => {
    for (const b of blocks) {
      match(b)
        .with({ kind: "paragraph" }, (p) => out.push(p.role === "outcome" ? `>> ${p.text}` : p.text, ""))
        .with({ kind: "list" }, (l) => out.push(...l.items.map((i) => `  - ${i}`), ""))
        .with({ kind: "facts" }, (f) => out.push(...f.rows.map((r) => `  ${r.label}: ${r.value}`), ""))
        .with({ kind: "sources" }, (s) => out.push(`  ${s.label}: ${s.refs.join("; ")}`, ""))
        .with({ kind: "section" }, (s) => {
          out.push(s.heading, (level === 0 ? "-" : "~").repeat(s.heading.length));
          walk(s.blocks, level + 1);
        })
        .exhaustive();
    }
  };
  walk(doc.blocks, 0);
  return `${out.join("\n").trimEnd()}\n`;
}

/** Escapes Markdown syntax characters so data (ids, districts) can never become markup. */
export function escapeMarkdown(text: string): string {
  const inline = text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
  // Block markers only count at the start of a line.
  return inline.replace(/^(\s*)([#+=-]|\d+\.)/, (_, space: string, mark: string) => `${space}${mark.endsWith(".") ? `${mark.slice(0, -1)}\\.` : `\\${mark}`}`);
}

function toMarkdown(doc: Doc): string {
  const e = escapeMarkdown;
  const out: string[] = [`# ${e(doc.title)}`, "", `*${e(doc.subtitle)}*`, ""];
  const walk = (blocks: readonly Block[], level: number): void => {
    for (const b of blocks) {
      match(b)
        .with({ kind: "paragraph" }, (p) => out.push(p.role === "outcome" ? `> **${e(p.text)}**` : e(p.text), ""))
        .with({ kind: "list" }, (l) => out.push(...l.items.map((i) => `- ${e(i)}`), ""))
        .with({ kind: "facts" }, (f) => out.push(...f.rows.map((r) => `- **${e(r.label)}:** ${e(r.value)}`), ""))
        .with({ kind: "sources" }, (s) => out.push(`*${e(s.label)}: ${s.refs.map(e).join("; ")}*`, ""))
        .with({ kind: "section" }, (s) => {
          out.push(`${"#".repeat(level + 2)} ${e(s.heading)}`, "");
          walk(s.blocks, level + 1);
        })
        .exhaustive();
    }
  };
  walk(doc.blocks, 0);
  return `${out.join("\n").trimEnd()}\n`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5394;--box:#eef5fc}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:44rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1{font-size:1.55rem;line-height:1.25;margin:.25rem 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.5rem 0 .4rem}
p{margin:.5rem 0}
.subtitle{color:var(--muted);margin-bottom:1rem}
.outcome{font-size:1.1rem;font-weight:600;background:var(--box);border-left:5px solid var(--accent);padding:.75rem 1rem;border-radius:4px}
.note{color:var(--muted)}
ul{padding-left:1.25rem;margin:.4rem 0}
li{margin:.3rem 0}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
.sources{font-size:.9rem;color:var(--muted);overflow-wrap:anywhere}
section section{border-left:3px solid var(--line);padding-left:.85rem}
@media (max-width:30rem){body{font-size:16px}dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
@media print{body{font-size:11pt}main{max-width:none;padding:0}.outcome{background:none;border:1px solid #000}a{color:inherit}h2,h3{break-after:avoid}section section{break-inside:avoid}}
`.trim();

function toHtml(doc: Doc): string {
  const e = escapeHtml;
  const out: string[] = [];
  const walk = (blocks: readonly Block[], level: number): void => {
    for (const b of blocks) {
      match(b)
        .with({ kind: "paragraph" }, (p) => out.push(p.role === "outcome" ? `<p class="outcome" id="outcome">${e(p.text)}</p>` : p.role === "note" ? `<p class="note">${e(p.text)}</p>` : `<p>${e(p.text)}</p>`))
        .with({ kind: "list" }, (l) => out.push(`<ul>${l.items.map((i) => `<li>${e(i)}</li>`).join("")}</ul>`))
        .with({ kind: "facts" }, (f) => out.push(`<dl>${f.rows.map((r) => `<dt>${e(r.label)}</dt><dd>${e(r.value)}</dd>`).join("")}</dl>`))
        .with({ kind: "sources" }, (s) => out.push(`<p class="sources">${e(s.label)}: ${s.refs.map(e).join("; ")}</p>`))
        .with({ kind: "section" }, (s) => {
          const h = level === 0 ? "h2" : "h3";
          out.push(`<section><${h}>${e(s.heading)}</${h}>`);
          walk(s.blocks, level + 1);
          out.push("</section>");
        })
        .exhaustive();
    }
  };
  walk(doc.blocks, 0);
  return [
    "<!doctype html>",
    `<html lang="${doc.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${e(doc.title)}</h1>`,
    `<p class="subtitle">${e(doc.subtitle)}</p>`,
    ...out,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
