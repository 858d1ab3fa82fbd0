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

/** Whether `a` and `b` are at most `max` edits apart (insert, delete, replace, swap). */
function near(a, b, max) {
  const x = [...a], y = [...b];
  if (Math.abs(x.length - y.length) > max) return false;
  let before = null, row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) next[j] = Math.min(next[j], before[j - 2] + 1);
    }
    if (Math.min(...next) > max) return false;
    before = row;
    row = next;
  }
  return row[y.length] <= max;
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
    if (merged.size || [...word].length < 5) return { word, stem, list: [...merged].flat(), marks: [word, stem] };
    return forgiven(word, chunk);
  }

  // A word of five letters or more that no page has: the words one edit away
  // (two for words of eight or more) in the chunk already loaded, at half
  // weight, so that exact and stemmed hits rank first. A slip in the first two
  // letters is not forgiven: that would fetch other chunks.
  async function forgiven(word, chunk) {
    const max = [...word].length >= 8 ? 2 : 1;
    const near_ = new Set([...Object.keys(chunk.w), ...Object.keys(chunk.p)].filter((c) => c !== word && near(c, word, max)));
    const merged = new Map();
    const marks = [];
    for (const other of near_) {
      const stem = chunk.w[other] || other;
      const stemChunk = chunkName(stem) === chunkName(other) ? chunk : await terms(chunkName(stem));
      const list = [...(stemChunk.p[stem] || []), ...(stem === other ? [] : chunk.p[other] || [])];
      for (let i = 0; i < list.length; i += 2) merged.set(list[i], Math.max(merged.get(list[i]) || 0, list[i + 1] / 2));
      marks.push(other, stem);
    }
    return { word, stem: word, list: [...merged].flat(), marks };
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
    return { total: docs.length, results, words: found.flatMap((f) => f.marks.map((m) => [m, m])) };
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
  module.exports = { searchWords, chunkName, createSearch, snippet, near };
}

if (typeof document !== "undefined") {
  const box = document.querySelector("[data-search-index]");
  if (box) {
    const input = box.querySelector("input[name=q]");
    const status = box.querySelector(".search-status");
    const list = box.querySelector(".search-results");
    const fetchJson = (url) => fetch(url).then((r) => (r.ok ? r.json() : null));
    const search = createSearch(box.dataset.searchIndex, Number(box.dataset.docsPerChunk), fetchJson);
    let latest = 0;
    const run = async (query) => {
      const asked = ++latest;
      list.replaceChildren();
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = box.dataset.tSearching;
      const { total, results, words } = await search(query);
      // A newer query has been asked meanwhile: its answer is the one to show.
      if (asked !== latest) return;
      list.replaceChildren();
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
    const show = () => {
      const url = new URL(location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      run(input.value);
    };
    box.querySelector("form").addEventListener("submit", (e) => {
      e.preventDefault();
      show();
    });
    // Results as the reader types, once they pause.
    let pause;
    input.addEventListener("input", () => {
      clearTimeout(pause);
      pause = setTimeout(show, 300);
    });
  }
}
