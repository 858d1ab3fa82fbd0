// Search for the kota theme: reads ?q=, looks the words up in the split index
// written by terbit (search/<lang>/t/*.json), and shows the best pages with
// the words marked. Only the chunks a query needs are fetched.
"use strict";

/** Lowercased words of at least two letters or digits. */
function searchWords(text) {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length >= 2);
}

/** The chunk a word or stem is in: its first two characters as UTF-8 hex. */
function chunkName(word) {
  const prefix = [...word].slice(0, 2).join("");
  return Array.from(new TextEncoder().encode(prefix), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A search over the index at `base`; `fetchJson(url)` returns parsed JSON or null. */
function createSearch(base, docsPerChunk, fetchJson) {
  const cache = new Map();
  const load = (path) => {
    if (!cache.has(path)) cache.set(path, fetchJson(base + path).then((j) => j || null, () => null));
    return cache.get(path);
  };
  const terms = async (name) => (await load("t/" + name + ".json")) || { w: {}, p: {} };

  // A word's pages: those of its stem and those indexed under the word itself
  // (an Indonesian root such as "kelola" is both a word and a restored stem).
  async function postings(word) {
    const chunk = await terms(chunkName(word));
    const stem = chunk.w[word] || word;
    const stemChunk = chunkName(stem) === chunkName(word) ? chunk : await terms(chunkName(stem));
    const merged = new Map();
    for (const list of [stemChunk.p[stem] || [], stem === word ? [] : chunk.p[word] || []]) {
      for (let i = 0; i < list.length; i += 2) merged.set(list[i], Math.max(merged.get(list[i]) || 0, list[i + 1]));
    }
    return { word, stem, list: [...merged].flat() };
  }

  return async function search(query, limit = 10) {
    const words = searchWords(query);
    if (!words.length) return { total: 0, results: [], words: [] };
    const found = await Promise.all(words.map(postings));
    const scores = new Map();
    const hits = new Map();
    for (const { list } of found) {
      for (let i = 0; i < list.length; i += 2) {
        scores.set(list[i], (scores.get(list[i]) || 0) + list[i + 1]);
        hits.set(list[i], (hits.get(list[i]) || 0) + 1);
      }
    }
    const known = found.filter((f) => f.list.length).length;
    let docs = [...scores.keys()];
    // Pages with every word first; if none has all, pages with any.
    const all = docs.filter((d) => hits.get(d) === known);
    if (all.length) docs = all;
    docs.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
    const top = docs.slice(0, limit);
    const chunks = await Promise.all(top.map((d) => load("d/" + Math.floor(d / docsPerChunk) + ".json")));
    const results = top.map((d, i) => {
      const doc = (chunks[i] || [])[d % docsPerChunk] || ["", "", "", "", ""];
      return { title: doc[0], url: doc[1], section: doc[2], lang: doc[3], text: doc[4] };
    });
    return { total: docs.length, results, words: found.map((f) => [f.word, f.stem]) };
  };
}

/** The part of `text` around the first searched word, as DOM nodes with <mark>s. */
function snippet(text, words, doc) {
  const stems = words.flatMap(([w, s]) => [w, s]).filter((x) => x.length >= 2);
  const lower = text.toLowerCase();
  let first = -1;
  for (const s of stems) {
    const at = lower.indexOf(s);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = Math.max(0, first - 80);
  const part = (start > 0 ? "…" : "") + text.slice(start, start + 220) + (text.length > start + 220 ? "…" : "");
  const frag = doc.createDocumentFragment();
  const re = new RegExp("(" + stems.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|") + ")[\\p{L}\\p{N}]*", "giu");
  let last = 0;
  for (const m of part.matchAll(re)) {
    frag.append(part.slice(last, m.index));
    const mark = doc.createElement("mark");
    mark.textContent = m[0];
    frag.append(mark);
    last = m.index + m[0].length;
  }
  frag.append(part.slice(last));
  return frag;
}

if (typeof module !== "undefined") {
  module.exports = { searchWords, chunkName, createSearch, snippet };
}

if (typeof document !== "undefined") {
  const box = document.querySelector("[data-search-index]");
  if (box) {
    const input = box.querySelector("input[name=q]");
    const status = box.querySelector(".search-status");
    const list = box.querySelector(".search-results");
    const fetchJson = (url) => fetch(url).then((r) => (r.ok ? r.json() : null));
    const search = createSearch(box.dataset.searchIndex, Number(box.dataset.docsPerChunk), fetchJson);
    const run = async (query) => {
      list.replaceChildren();
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = box.dataset.tSearching;
      const { total, results, words } = await search(query);
      status.textContent = (total ? box.dataset.tResults : box.dataset.tNone).replace("{count}", total).replace("{query}", query);
      for (const r of results) {
        const li = document.createElement("li");
        if (r.lang && r.lang !== document.documentElement.lang) li.lang = r.lang;
        const h = document.createElement("h2");
        const a = document.createElement("a");
        a.href = r.url;
        a.textContent = r.title;
        h.append(a);
        li.append(h);
        if (r.section) {
          const s = document.createElement("p");
          s.className = "meta";
          s.textContent = r.section;
          li.append(s);
        }
        const p = document.createElement("p");
        p.append(snippet(r.text, words, document));
        li.append(p);
        list.append(li);
      }
    };
    const query = new URLSearchParams(location.search).get("q") || "";
    input.value = query;
    run(query);
    box.querySelector("form").addEventListener("submit", (e) => {
      e.preventDefault();
      const url = new URL(location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      run(input.value);
    });
  }
}
