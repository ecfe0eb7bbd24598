//! What the issue's source says, read with a few regular expressions, so that the scenarios
//! compare the page with bulletins/2023-06-30.md instead of with lists that could drift.
//!
//! This is deliberately not a second parser: it reads only the lines the format gives a fixed
//! shape (bulletins/README.md): `# part {#id}`, `## NN title {#id …}`, `Table: caption {#id}`,
//! `Figure: caption {#id}` and the pipe tables under a `Table:` line.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./harness.mjs";

/** The issue the main build embeds. */
export const ISSUE_PATH = join(REPO, "bulletins/2023-06-30.md");

/** CommonMark backslash escapes (`\*`, `\:`) as the reader sees them. */
export function unescape(text) {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/** The attribute block at the end of a heading or directive: `{#id kind=… .class}`. */
const TRAILING_ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;

function idOf(attributes) {
  return /#([a-z0-9-]+)/.exec(attributes)?.[1] ?? null;
}

/**
 * Reads a source: `{ parts, articles, briefs, tables, figures }`.
 * - parts: `{ id, numeral, title }`
 * - articles and briefs: `{ id, number, title, part, category }` (briefs have no category: null)
 * - tables: `{ id, caption, columns: [{ id, label, kind, unit, heading }], rows: [[cell text]],
 *   total: [cell text] | null }`
 * - figures: `{ id, caption }`
 */
export function readSource(path = ISSUE_PATH) {
  const lines = readFileSync(path, "utf8").split("\n");
  const issue = { parts: [], articles: [], briefs: [], tables: [], figures: [] };
  let part = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    let match;
    if ((match = /^# (.+)$/.exec(line))) {
      const attributes = TRAILING_ATTRIBUTES.exec(match[1]);
      const id = attributes && idOf(attributes[1]);
      if (id) {
        const text = unescape(match[1].replace(TRAILING_ATTRIBUTES, ""));
        const [numeral, ...title] = text.split(" ");
        part = { id, numeral, title: title.join(" "), briefs: /\.briefs\b/.test(attributes[1]) };
        issue.parts.push(part);
      } else {
        part = null;
      }
    } else if ((match = /^## (\S+) (.+)$/.exec(line)) && part) {
      const attributes = TRAILING_ATTRIBUTES.exec(match[2]);
      const entry = {
        id: attributes && idOf(attributes[1]),
        number: match[1],
        title: unescape(match[2].replace(TRAILING_ATTRIBUTES, "")),
        part: part.id,
        category: (attributes && /\bcategory=(\S+)/.exec(attributes[1])?.[1]) ?? null,
      };
      (part.briefs ? issue.briefs : issue.articles).push(entry);
    } else if ((match = /^Figure: (.+)$/.exec(line))) {
      const attributes = TRAILING_ATTRIBUTES.exec(match[1]);
      issue.figures.push({ id: idOf(attributes[1]), caption: unescape(match[1].replace(TRAILING_ATTRIBUTES, "")) });
    } else if ((match = /^Table: (.+)$/.exec(line))) {
      const attributes = TRAILING_ATTRIBUTES.exec(match[1]);
      const table = {
        id: idOf(attributes[1]),
        caption: unescape(match[1].replace(TRAILING_ATTRIBUTES, "")),
        columns: [],
        rows: [],
        total: null,
      };
      let at = index + 1;
      while (at < lines.length && lines[at].trim() === "") at += 1;
      const pipeLines = [];
      while (at < lines.length && lines[at].startsWith("|")) pipeLines.push(lines[at++]);
      const [header, , ...rows] = pipeLines.map(splitRow);
      table.columns = header.map(readColumn);
      for (const cells of rows) {
        if (/\{total\}\s*$/.test(cells[0])) {
          table.total = [cells[0].replace(/\s*\{total\}\s*$/, ""), ...cells.slice(1)];
        } else {
          table.rows.push(cells);
        }
      }
      issue.tables.push(table);
      index = at - 1;
    }
  }
  return issue;
}

/** The cells of a pipe-table line, trimmed and unescaped. */
function splitRow(line) {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => unescape(cell.trim()));
}

/** `직접비 금액 {#funding decimal unit="만 위안"}` → its parts. */
function readColumn(cell) {
  const attributes = TRAILING_ATTRIBUTES.exec(cell)?.[1] ?? "";
  const label = cell.replace(TRAILING_ATTRIBUTES, "");
  const words = attributes.replace(/unit="[^"]*"/, "").trim().split(/\s+/);
  const unit = /unit="([^"]*)"/.exec(attributes)?.[1] ?? null;
  const kind = words.find((word) => !word.startsWith("#")) ?? "text";
  return { id: idOf(attributes), label, kind, unit, heading: unit ? `${label}(${unit})` : label };
}

/** Whether a column kind sorts as numbers. */
export function isNumeric(kind) {
  return ["ordinal", "integer", "decimal", "index"].includes(kind);
}

/** The tables the viewer charts: those with a measured column (an ordinal alone is not one), in order. */
export function chartedTables(issue) {
  return issue.tables.filter((table) => table.columns.some((column) => ["integer", "decimal", "index"].includes(column.kind)));
}

/** The main figure of a printed number: `1,087,845.00 (5,000)` → 1087845. */
export function mainFigure(text) {
  const main = text.split("(")[0].replace(/,/g, "").trim();
  return main === "" ? null : Number(main);
}
