// The search script, run as it is against the index `terbit build` writes
// for the Gorontalo example: the stemming queries of the issue, in both languages.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const { createSearch, searchWords, chunkName } = require(join(repo, "themes/kota/static/search.js"));
const terbit = process.env.TERBIT_BIN || join(repo, "target/debug/terbit");
let out;

before(() => {
  out = join(mkdtempSync(join(tmpdir(), "terbit-search-")), "public");
  execFileSync(terbit, ["build", "--root", repo, "--output", out], { stdio: "pipe" });
});

function searcher(lang) {
  const fetched = [];
  const fetchJson = async (url) => {
    const file = join(out, url);
    fetched.push(url);
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
  };
  const page = readFileSync(join(out, lang === "id" ? "cari/index.html" : "en/search/index.html"), "utf8");
  const base = page.match(/data-search-index="([^"]+)"/)[1];
  const perChunk = Number(page.match(/data-docs-per-chunk="(\d+)"/)[1]);
  return { search: createSearch(base, perChunk, fetchJson), fetched };
}

test("words and chunk names", () => {
  assert.deepEqual(searchWords("Izin Usaha, e-KTP 2024"), ["izin", "usaha", "ktp", "2024"]);
  assert.equal(chunkName("izin"), "697a");
});

test("izin finds perizinan", async () => {
  const { search } = searcher("id");
  const { results } = await search("izin");
  assert.ok(results.some((r) => r.url === "/program/e-perizinan/"), JSON.stringify(results.map((r) => r.url)));
});

test("kelola finds pengelolaan", async () => {
  const { search } = searcher("id");
  const { results } = await search("kelola");
  assert.ok(results.length > 0);
  assert.ok(results.some((r) => /pengelolaan/i.test(r.text) || r.url === "/program/bank-sampah-digital/"), JSON.stringify(results.map((r) => r.url)));
});

test("permit finds permits in English", async () => {
  const { search } = searcher("en");
  const { results } = await search("permit");
  assert.ok(results.some((r) => r.url === "/en/programs/online-licensing/" || r.url.startsWith("/en/programs/e-perizinan")), JSON.stringify(results.map((r) => r.url)));
});

test("a query fetches only a few files", async () => {
  const { search, fetched } = searcher("id");
  await search("layanan publik");
  assert.ok(fetched.length <= 14, fetched.join(" "));
});

// Every word at the end of a source line of the example's Indonesian pages is
// found, and never glued to the first word of the next line (Markdown's soft
// line breaks are spaces in the index as on the page).
test("words at the ends of source lines are found, none glued to the next line's", async () => {
  const { readdirSync, statSync } = await import("node:fs");
  const walk = (dir) => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  const pairs = [];
  for (const file of walk(join(repo, "content")).filter((f) => f.endsWith(".md") && !/\.[a-z]{2}\.md$/.test(f))) {
    const body = readFileSync(file, "utf8").replace(/^\+\+\+[\s\S]*?\n\+\+\+\n/, "");
    const lines = body.split("\n");
    let code = false;
    for (let i = 0; i + 1 < lines.length; i++) {
      if (/^\s*```/.test(lines[i])) code = !code;
      if (code || !lines[i].trim() || !lines[i + 1].trim() || /^\s*([-*>|#]|\d+\.\s)/.test(lines[i + 1])) continue;
      const a = lines[i].match(/([\p{L}\p{N}]+)[*_]*\s*$/u);
      const b = lines[i + 1].match(/^\s*[*_]*([\p{L}\p{N}]+)/u);
      if (a && b) pairs.push([a[1], b[1], file]);
    }
  }
  assert.ok(pairs.length > 30, `only ${pairs.length} line ends in the example`);
  // The index's vocabulary: every word it knows, in every chunk.
  const vocabulary = new Set();
  for (const name of readdirSync(join(out, "search/id/t"))) {
    const chunk = JSON.parse(readFileSync(join(out, "search/id/t", name), "utf8"));
    for (const w of [...Object.keys(chunk.w), ...Object.keys(chunk.p)]) vocabulary.add(w);
  }
  const { search } = searcher("id");
  const missing = [];
  const glued = [];
  // Words the writers did write as one (menindaklanjuti: stem tindaklanjut).
  const written = walk(join(repo, "content"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => readFileSync(f, "utf8").toLowerCase())
    .join(" ");
  for (const [last, first, file] of pairs) {
    const joined = (last + first).toLowerCase();
    if (vocabulary.has(joined) && !written.includes(joined)) glued.push(`${last}${first} (${file})`);
    if (last.length < 2 || /^\d+$/.test(last)) continue;
    const { results } = await search(last);
    if (results.length === 0) missing.push(`${last} (${file})`);
  }
  // Nor in what search engines and link previews show, nor in the feeds.
  const shown = walk(out)
    .filter((f) => f.endsWith(".html") || f.endsWith("atom.xml"))
    .map((f) => {
      const text = readFileSync(f, "utf8");
      const metas = [...text.matchAll(/<meta (?:name="description"|property="og:description") content="([^"]*)"/g)].map((m) => m[1]);
      const summaries = [...text.matchAll(/<summary[^>]*>([^<]*)<\/summary>/g)].map((m) => m[1]);
      return [...metas, ...summaries].join(" ");
    })
    .join(" ");
  for (const [last, first, file] of pairs) {
    if (shown.includes(last + first) && !written.includes((last + first).toLowerCase())) glued.push(`${last}${first} shown (${file})`);
  }
  assert.deepEqual(glued, []);
  assert.deepEqual(missing, []);
  const { results } = await search("jumlah");
  assert.ok(results.some((r) => r.url === "/program/bank-sampah-digital/"), JSON.stringify(results.map((r) => r.url)));
});

// Phones make typos: a word of five letters or more that no page has finds
// the words one edit away (two from eight letters) in the chunk it already
// loads, ranked below exact hits, and fetches no more than the right word.
test("a typo is forgiven without fetching more", async () => {
  const right = searcher("id");
  const exact = await right.search("perizinan");
  const typo = searcher("id");
  const { results, words } = await typo.search("perizinann");
  assert.ok(results.some((r) => r.url === "/program/e-perizinan/"), JSON.stringify(results.map((r) => r.url)));
  assert.deepEqual(results.map((r) => r.url), exact.results.map((r) => r.url), "the same pages as the right word");
  assert.ok(words.some(([w]) => w === "perizinan"), "the snippet marks the word found");
  const tChunks = (f) => f.filter((u) => u.includes("/t/")).sort();
  assert.deepEqual(tChunks(typo.fetched), tChunks(right.fetched));
  // Two slips in a long word; none forgiven under five letters.
  assert.ok((await searcher("id").search("pengelolan")).results.length > 0);
  assert.ok((await searcher("en").search("licensng")).results.length > 0);
  assert.equal((await searcher("id").search("izim")).results.length, 0);
});

test("an exact word ranks above a word only one edit from the query", async () => {
  const { search } = searcher("id");
  // "sampah" is on pages; "sampai" (one edit away) is too: the exact word is not forgiven away.
  const { results, words } = await search("sampah");
  assert.ok(results.length > 0);
  assert.ok(words.every(([w]) => w !== "sampai"), JSON.stringify(words));
});

// Relevance, measured: the queries of relevance.json (words, inflections, two
// words, offices and people, acronyms, typos, in both languages), each with the
// pages a resident would expect on top. Prints top-1, top-3 and the mean
// reciprocal rank; top-3 must stay at 95 % or more.
test("relevance: the expected pages come on top", async () => {
  const set = JSON.parse(readFileSync(join(repo, "tests/js/relevance.json"), "utf8")).queries;
  assert.ok(set.length >= 40);
  let top1 = 0, top3 = 0, rr = 0;
  const misses = [];
  for (const { lang, q, expect } of set) {
    const { results } = await searcher(lang).search(q, 10);
    const rank = results.findIndex((r) => expect.includes(r.url)) + 1;
    if (rank === 1) top1++;
    if (rank >= 1 && rank <= 3) top3++;
    if (rank >= 1) rr += 1 / rank;
    if (rank === 0 || rank > 3) misses.push(`${q}: ${rank ? "rank " + rank : "not in the top 10"} (${results.slice(0, 3).map((r) => r.url).join(" ")})`);
  }
  const pct = (n) => ((100 * n) / set.length).toFixed(1);
  console.log(`relevance over ${set.length} queries: top-1 ${pct(top1)} %, top-3 ${pct(top3)} %, MRR ${(rr / set.length).toFixed(3)}`);
  console.log(`below the third place: ${misses.join("; ") || "none"}`);
  assert.ok(top3 / set.length >= 0.95, `top-3 ${pct(top3)} %: ${misses.join("; ")}`);
});
