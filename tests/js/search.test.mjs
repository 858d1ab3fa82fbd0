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
