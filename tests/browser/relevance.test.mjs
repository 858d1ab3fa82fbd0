// Search relevance against Pagefind on the same built example: the queries of
// tests/js/relevance.json through terbit's own search script (as a browser
// runs it) and through Pagefind (its index of the same folder, queried in
// Chromium). terbit's top-3 hit rate must be 95 % or more and at least
// Pagefind's; both are printed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { build, launch, repo, serveFolder } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { createSearch } = require(join(repo, "themes/kota/static/search.js"));
const set = JSON.parse(readFileSync(join(repo, "tests/js/relevance.json"), "utf8")).queries;

let out, server, base, browser;

before(async () => {
  out = join(mkdtempSync(join(tmpdir(), "terbit-relevance-")), "public");
  build(repo, out);
  execFileSync(join(here, "node_modules/.bin/pagefind"), ["--site", out], { stdio: "pipe" });
  ({ server, base } = await serveFolder(out));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

function score(ranked) {
  let top1 = 0, top3 = 0, rr = 0;
  const misses = [];
  set.forEach(({ q, expect }, i) => {
    const rank = ranked[i].findIndex((u) => expect.includes(u)) + 1;
    if (rank === 1) top1++;
    if (rank >= 1 && rank <= 3) top3++;
    if (rank >= 1) rr += 1 / rank;
    if (rank === 0 || rank > 3) misses.push(q);
  });
  return { top1: top1 / set.length, top3: top3 / set.length, mrr: rr / set.length, misses };
}

async function terbitRanks() {
  const ranked = [];
  for (const { lang, q } of set) {
    const page = readFileSync(join(out, lang === "id" ? "cari/index.html" : "en/search/index.html"), "utf8");
    const index = page.match(/data-search-index="([^"]+)"/)[1];
    const perChunk = Number(page.match(/data-docs-per-chunk="(\d+)"/)[1]);
    const fetchJson = async (url) => (existsSync(join(out, url)) ? JSON.parse(readFileSync(join(out, url), "utf8")) : null);
    const { results } = await createSearch(index, perChunk, fetchJson)(q, 10);
    ranked.push(results.map((r) => r.url));
  }
  return ranked;
}

async function pagefindRanks() {
  const pages = {};
  for (const lang of ["id", "en"]) {
    const context = await browser.newContext();
    pages[lang] = await context.newPage();
    await pages[lang].goto(base + (lang === "id" ? "/cari/" : "/en/search/"));
    await pages[lang].evaluate(async () => {
      window.pagefind = await import("/pagefind/pagefind.js");
      await window.pagefind.init();
    });
  }
  const ranked = [];
  for (const { lang, q } of set) {
    ranked.push(await pages[lang].evaluate(async (q) => {
      const found = await window.pagefind.search(q);
      const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
      return data.map((d) => d.url.replace(/index\.html$/, ""));
    }, q));
  }
  return ranked;
}

test("terbit's search puts the expected pages in the top 3 at least as often as Pagefind's", async () => {
  const mine = score(await terbitRanks());
  const theirs = score(await pagefindRanks());
  const line = (name, s) => `${name}: top-1 ${(100 * s.top1).toFixed(1)} %, top-3 ${(100 * s.top3).toFixed(1)} %, MRR ${s.mrr.toFixed(3)}; below third: ${s.misses.join(", ") || "none"}`;
  console.log(`${set.length} queries\n${line("terbit", mine)}\n${line("Pagefind", theirs)}`);
  assert.ok(mine.top3 >= 0.95, line("terbit", mine));
  assert.ok(mine.top3 >= theirs.top3, `${line("terbit", mine)}\n${line("Pagefind", theirs)}`);
});
