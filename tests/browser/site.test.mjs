// The Gorontalo example in real headless Chromium: accessibility (axe-core,
// WCAG 2.2 A/AA) of every page type in both languages at 390 px, no sideways
// scrolling, pages readable with JavaScript off, the search queries, and the
// Nu HTML checker on every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeViolations, buildAndServe, nuErrors, repo } from "./harness.mjs";

// Every page type, in both languages.
const PAGES = [
  ["home", "/", "/en/"],
  ["pillar", "/pilar/smart-governance/", "/en/pillars/smart-governance/"],
  ["programme", "/program/command-center/", "/en/programs/command-center/"],
  ["example programme", "/program/penanda-wisata-qr/", "/en/programs/penanda-wisata-qr/"],
  ["programmes", "/program/", "/en/programs/"],
  ["timeline", "/linimasa/", "/en/timeline/"],
  ["event", "/linimasa/bimtek-tahap-1/", "/en/timeline/technical-guidance-phase-1/"],
  ["directory", "/pemangku-kepentingan/", "/en/stakeholders/"],
  ["stakeholder", "/pemangku-kepentingan/daud-panigoro/", "/en/stakeholders/daud-panigoro/"],
  ["news", "/berita/", "/en/news/"],
  ["article", "/berita/bimtek-tahap-1-dibuka/", "/en/news/first-technical-guidance-opens/"],
  ["about", "/tentang/", "/en/about/"],
  ["document", "/dokumen/", "/en/document/"],
  ["search", "/cari/?q=izin", "/en/search/?q=permit"],
  ["404", "/404.html", "/en/404.html"],
];

let out, server, base, browser;
// The Content-Security-Policy of the README's server configurations and of `terbit serve`.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

before(async () => {
  out = join(mkdtempSync(join(tmpdir(), "terbit-browser-")), "public");
  ({ server, base, browser } = await buildAndServe(repo, out, { "content-security-policy": CSP, "x-content-type-options": "nosniff" }));
});

after(async () => {
  await browser?.close();
  server?.close();
});

// axe-core is injected as an inline script, which the CSP (rightly) refuses:
// pages are opened with the CSP bypassed for axe, and under it for the CSP check.
async function open(path, { javaScript = true, width = 390, colorScheme = "light", csp = false } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 844 }, colorScheme, bypassCSP: !csp });
  const page = await context.newPage();
  const offsite = [];
  const blocked = [];
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) offsite.push(r.url()); });
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  return { page, context, offsite, blocked, status: response.status() };
}

for (const [kind, ...paths] of PAGES) {
  for (const path of paths) {
    test(`${kind} ${path}: no axe violations, no sideways scroll, no request elsewhere`, async () => {
      const { page, context, offsite, status } = await open(path);
      assert.equal(status, 200, `${path} answered ${status}`);
      const result = { violations: await axeViolations(page) };
      const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      assert.deepEqual(violations, []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 390px`);
      assert.deepEqual(offsite, []);
      await context.close();
    });
  }
}

// The phone's first screen shows the page, not the header: the <h1> starts
// within the top 180 px of a 390 × 844 screen, with JavaScript on and off; on a
// 1280 px desktop nothing scrolls sideways either.
test("on a phone every page's h1 starts within 180 px; no page scrolls sideways at 1280 px; JavaScript on and off", async () => {
  const found = [];
  for (const [kind, ...paths] of PAGES) {
    for (const path of paths) {
      for (const javaScript of [true, false]) {
        const { page, context } = await open(path, { javaScript });
        const top = (await page.locator("h1").boundingBox()).y;
        if (top > 180) found.push(`${kind} ${path} (JavaScript ${javaScript ? "on" : "off"}): h1 at ${Math.round(top)} px`);
        await context.close();
        const wide = await open(path, { width: 1280, javaScript });
        const overflow = await wide.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found.push(`${kind} ${path} (JavaScript ${javaScript ? "on" : "off"}): scrolls sideways by ${overflow}px at 1280px`);
        await wide.context.close();
      }
    }
  }
  assert.deepEqual(found, []);
});

// The roadmap says each status in words (legend and beside each bar), not by
// colour alone, groups the bars under their pillars, and makes each bar a link
// to its programme named by its title, status and years.
test("the roadmap: a legend in words, pillar headings, every bar a named link to its programme", async () => {
  for (const [path, statuses, pillars] of [
    ["/linimasa/", ["Direncanakan"], ["Tata Kelola Cerdas", "Lingkungan Cerdas"]],
    ["/en/timeline/", ["Planned"], ["Smart Governance", "Smart Environment"]],
    ["/pilar/smart-environment/", ["Direncanakan"], []],
  ]) {
    const { page, context } = await open(path, { javaScript: false });
    const chart = page.locator("svg.chart-roadmap");
    const texts = await chart.locator("text").allTextContents();
    for (const s of statuses) {
      assert.ok(texts.includes(s), `${path}: "${s}" in the legend: ${JSON.stringify(texts)}`);
      assert.ok(texts.some((t) => t.startsWith(`${s} · `)), `${path}: "${s}" beside a bar: ${JSON.stringify(texts)}`);
    }
    for (const p of pillars) assert.ok(texts.includes(p), `${path}: the heading ${p}`);
    assert.ok(!texts.some((t) => t.includes("…")), `${path}: no name cut short`);
    const bars = await chart.locator("a:has(rect)").all();
    const listed = await page.locator(`a[href^="${path.startsWith("/en/") ? "/en/programs/" : "/program/"}"]`).count();
    assert.ok(bars.length >= 2 && listed > 0, `${path}: ${bars.length} bars`);
    for (const bar of bars) {
      // The link's name is its text: the programme, its status and years.
      const label = (await bar.textContent()).replace(/\s+/g, " ");
      assert.ok(statuses.some((st) => label.includes(`${st} · `)), `${path}: ${label}`);
      assert.match(label, /\d{4}(–\d{4})?$/, `${path}: ${label}`);
      const href = await bar.getAttribute("href");
      const r = await fetch(base + href);
      assert.equal(r.status, 200, `${path}: ${href}`);
    }
    await context.close();
  }
  const { page, context } = await open("/linimasa/", { javaScript: false });
  assert.equal(await page.locator("svg.chart-roadmap a:has(rect)").count(), 12, "one bar per programme of the example");
  await context.close();
});

test("the menu: one tap opens it on a phone without JavaScript; a desktop shows it open", async () => {
  for (const path of ["/pilar/smart-governance/", "/en/timeline/"]) {
    const phone = await open(path, { javaScript: false });
    const menu = phone.page.locator("nav.main-nav");
    assert.equal(await menu.locator("a").first().isVisible(), false, `${path}: the menu starts closed on a phone`);
    assert.ok(await phone.page.locator("nav.lang-switch a").isVisible(), `${path}: the other language is one tap away`);
    await menu.locator("summary").click();
    for (const link of await menu.locator("a").all()) assert.ok(await link.isVisible(), `${path}: ${await link.textContent()} shows once opened`);
    await phone.context.close();
    const desktop = await open(path, { javaScript: false, width: 1280 });
    assert.equal(await desktop.page.locator("nav.main-nav summary").isVisible(), false, `${path}: no Menu button on a desktop`);
    for (const link of await desktop.page.locator("nav.main-nav a").all()) assert.ok(await link.isVisible(), `${path}: ${await link.textContent()} visible at 1280px`);
    await desktop.context.close();
  }
});

test("every page type works under the Content-Security-Policy, search included", async () => {
  for (const [kind, ...paths] of PAGES) {
    for (const path of paths) {
      const { page, context, blocked } = await open(path, { csp: true });
      assert.deepEqual(blocked, [], `${kind} ${path}`);
      if (kind === "search") {
        await page.waitForSelector(".search-results li");
      }
      await context.close();
    }
  }
});

test("dark mode keeps every page type readable (axe, WCAG 2.2 AA)", async () => {
  const found = [];
  for (const [kind, ...paths] of PAGES) {
    for (const path of paths) {
      const { page, context } = await open(path, { colorScheme: "dark", width: 1280 });
      const result = { violations: await axeViolations(page) };
      for (const v of result.violations) found.push(`${kind} ${path}: ${v.id} ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
      await context.close();
    }
  }
  assert.deepEqual(found, []);
});

test("every page type has its h1 and navigation with JavaScript off", async () => {
  for (const [kind, ...paths] of PAGES) {
    for (const path of paths) {
      const { page, context } = await open(path, { javaScript: false });
      assert.equal(await page.locator("h1").count(), 1, `${kind} ${path}`);
      assert.ok((await page.locator("nav.main-nav a").count()) >= 5, `${kind} ${path}: navigation`);
      assert.equal(await page.locator("nav.lang-switch a").count(), 1, `${kind} ${path}: language switch`);
      await context.close();
    }
  }
});

test("the draft, examples and sources are said in words, with JavaScript off", async () => {
  for (const [path, draft, example] of [
    ["/program/command-center/", "Rancangan", "Contoh"],
    ["/en/programs/command-center/", "Draft", "Example"],
  ]) {
    const { page, context } = await open(path, { javaScript: false });
    assert.match(await page.locator(".plan-draft").textContent(), new RegExp(draft), path);
    assert.ok(await page.locator(".plan-draft").isVisible(), `${path}: draft banner visible`);
    assert.match(await page.locator(".notice-illustrative").textContent(), new RegExp(example), path);
    // The badge next to the status says it in words, not only by its dashed border.
    assert.match(await page.locator(".facts .badge.illustrative").first().textContent(), new RegExp(example), path);
    await context.close();
  }
  for (const [path, list] of [["/program/", "Contoh"], ["/en/programs/", "Example"]]) {
    const { page, context } = await open(path, { javaScript: false });
    const badges = await page.locator(".programme-list .badge.illustrative").allTextContents();
    assert.ok(badges.length >= 10 && badges.every((b) => b.includes(list)), `${path}: ${badges.length} badges`);
    await context.close();
  }
  for (const path of ["/linimasa/bimtek-tahap-1/", "/en/timeline/technical-guidance-phase-1/"]) {
    const { page, context } = await open(path, { javaScript: false });
    assert.match(await page.locator(".sources li").first().textContent(), /READ\.ID.*Rinto/s, path);
    assert.ok(await page.locator(".sources a[href^='https://read.id/']").isVisible(), path);
    await context.close();
  }
});

test("the plan document prints as a document: no navigation, a chapter a page, link addresses shown", async () => {
  for (const [path, pdf] of [["/dokumen/", "/dokumen/master-plan.pdf"], ["/en/document/", "/en/document/master-plan.pdf"]]) {
    const { page, context } = await open(path, { javaScript: false, width: 1280 });
    assert.equal(await page.locator(`main a[href="${pdf}"]`).count(), 1, `${path}: link to the PDF`);
    const response = await page.request.get(base + pdf);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()["content-type"], "application/pdf");
    assert.ok((await response.body()).subarray(0, 5).toString() === "%PDF-");
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== "none");
      const chapters = [...document.querySelectorAll(".document .chapter")];
      const link = document.querySelector(".document .prose a[href^='http'], .document .doc-sources a[href^='http']");
      return {
        nav: shown(".main-nav") || shown(".site-footer") || shown(".lang-switch"),
        chapters: chapters.length,
        breaks: chapters.filter((c) => getComputedStyle(c).breakBefore === "page").length,
        address: link ? getComputedStyle(link, "::after").content : "",
        href: link ? link.getAttribute("href") : "",
      };
    });
    assert.equal(printed.nav, false, `${path}: navigation is not printed`);
    assert.ok(printed.chapters >= 10, `${path}: ${printed.chapters} chapters`);
    assert.equal(printed.breaks, printed.chapters, `${path}: every chapter starts a page`);
    assert.ok(printed.address.includes(printed.href), `${path}: printed address ${printed.address} of ${printed.href}`);
    await context.close();
  }
});

test("search answers as the reader types, and forgives a typo", async () => {
  const { page, context } = await open("/cari/");
  await page.locator("input[name=q]").pressSequentially("perizinann", { delay: 20 });
  await page.waitForSelector('.search-results a[href="/program/e-perizinan/"]', { timeout: 5000 });
  assert.match(page.url(), /[?&]q=perizinann/);
  assert.ok((await page.locator(".search-results mark").count()) > 0, "the word found is marked");
  await context.close();
});

for (const [path, expected] of [
  ["/cari/?q=izin", "/program/e-perizinan/"],
  ["/cari/?q=kelola", "/program/bank-sampah-digital/"],
  ["/en/search/?q=permit", "/en/programs/online-licensing/"],
  // Words at the end of a source line ("Data jumlah⏎sampah", "SATUSEHAT⏎Kementerian").
  ["/cari/?q=jumlah", "/program/bank-sampah-digital/"],
  ["/cari/?q=SATUSEHAT", "/program/layanan-kesehatan-digital/"],
]) {
  test(`search ${path} finds ${expected}`, async () => {
    const { page, context } = await open(path);
    await page.waitForSelector(".search-results li");
    const hrefs = await page.locator(".search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.includes(expected), hrefs.join(" "));
    assert.ok((await page.locator(".search-results mark").count()) > 0, "words are highlighted");
    assert.match(await page.locator(".search-status").textContent(), /\d/);
    // Keyboard: type a new query and press Enter.
    await page.fill("#q", "sampah");
    await page.press("#q", "Enter");
    await page.waitForFunction(() => document.querySelector(".search-status").textContent.includes("sampah"));
    await context.close();
  });
}

test("the Nu HTML checker finds no error on any page", () => {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html")) files.push(p);
    }
  };
  walk(out);
  const errors = nuErrors(files).map((m) => `${m.url.replace("file:" + out, "")}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
  assert.ok(files.length > 80);
});
