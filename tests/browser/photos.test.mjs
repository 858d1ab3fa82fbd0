// A news page with three photos, read on a 390 px phone in headless Chromium:
// what it transfers in all (HTML, CSS, JS and the images it loads), no
// layout shift while the photos arrive, axe-core and the Nu checker clean.
//
// The page is written into a private copy of the example (never published):
// an article marked illustrative that shows the example's three drawings,
// each kept beside the page that uses it in the example.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, buildAndServe, copyExample, nuErrors } from "./harness.mjs";

const ARTICLE = "/berita/contoh-tiga-foto/";

let site, out, server, base, browser;

before(async () => {
  site = copyExample("terbit-photos-");
  writeFileSync(join(site, "content/news/contoh-tiga-foto.md"), `+++
title = "Contoh halaman berita dengan tiga gambar"
date = 2023-07-06
illustrative = true
image = "bimtek-tahap-1-dibuka/ruang-bimtek.jpg"
image_alt = "Gambar ilustrasi ruang pelatihan"
+++
Halaman uji: contoh berita dengan tiga gambar ilustrasi.

![Gambar ilustrasi ruang pelatihan dengan layar presentasi](bimtek-tahap-1-dibuka/ruang-bimtek.jpg)

Paragraf di antara gambar. ${"Teks pengisi untuk menjauhkan gambar berikutnya. ".repeat(12)}

![Gambar ilustrasi dinding layar pemantauan](@/programs/command-center/layar-pemantauan.jpg)

${"Teks pengisi lagi. ".repeat(20)}

![Gambar ilustrasi tiga tempat sampah terpilah](@/programs/bank-sampah-digital/tempat-sampah.jpg)
`);
  out = join(site, "public");
  ({ server, base, browser } = await buildAndServe(site, out));
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("a news page with three photos: at most 150 kB at 390 px, no layout shift, axe clean", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const sizes = new Map();
  page.on("response", async (r) => {
    if (!r.url().startsWith(base)) return;
    try { sizes.set(r.url(), (await r.body()).length); } catch { /* a redirect has no body */ }
  });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const response = await page.goto(base + ARTICLE, { waitUntil: "networkidle" });
  assert.equal(response.status(), 200);
  // Read to the end, so that every lazy photo loads.
  for (let y = 0; y < 6000; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await page.waitForLoadState("networkidle");
  const loaded = await page.evaluate(() => [...document.querySelectorAll("main picture img")].map((i) => [i.currentSrc, i.complete && i.naturalWidth]));
  assert.equal(loaded.length, 3);
  for (const [src, width] of loaded) {
    assert.ok(width > 0, `${src} did not load`);
    assert.match(src, /-480\.webp$/, "a 390 px screen gets the 480 px WebP");
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const list = [...sizes].map(([u, n]) => `${u.replace(base, "")} ${n}`).join("\n");
  assert.ok(total <= 150 * 1024, `transferred ${total} bytes:\n${list}`);
  assert.ok([...sizes.keys()].filter((u) => /\.(webp|jpg|png)$/.test(u)).length >= 3, list);
  const cls = await page.evaluate(() => window.__cls);
  assert.equal(cls, 0, `cumulative layout shift ${cls}`);
  const result = { violations: await axeViolations(page) };
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), []);
  console.log(`# ${ARTICLE}: ${total} bytes in ${sizes.size} responses, CLS ${cls}`);
  await context.close();
});

test("the Nu HTML checker finds no error on the photo page and the news list", () => {
  const files = [join(out, ARTICLE, "index.html"), join(out, "berita/index.html"), join(out, "program/index.html")];
  assert.deepEqual(nuErrors(files).map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
});
