// The changes page of a revision, in headless Chromium: a copy of the
// Gorontalo example frozen as edition 2024, then revised (a status, a budget
// row, a sentence, a partner, an indicator's target); the page passes axe at 390 and 1280 px and the Nu HTML
// checker, reads the same without JavaScript, and marks inserted and deleted
// words by more than colour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, buildAndServe, copyExample, nuErrors, repo, terbit } from "./harness.mjs";

const PATHS = ["/editions/2024/changes/", "/editions/2024/en/changes/"];

let site, out, server, base, browser;

function edit(file, from, to) {
  const path = join(site, "content", file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${file} has no ${from}`);
  writeFileSync(path, text.replace(from, to));
}

before(async () => {
  site = copyExample("terbit-changes-");
  execFileSync(terbit, ["edition", "freeze", "2024", "--root", site], { stdio: "pipe" });
  edit("programs/command-center.md", 'status = "planned"', 'status = "ongoing"');
  edit("programs/command-center.md", "amount = 1250000000", "amount = 1400000000");
  edit("programs/bank-sampah-digital.md", "Data jumlah", "Data harian jumlah");
  // A partner and an indicator's target: names as links, figures row by row.
  edit("programs/command-center.md", 'partners = ["bappeda", "dinas-perhubungan", "bpbd"]', 'partners = ["bappeda", "dinas-perhubungan"]');
  edit("pillars/smart-governance.md", "target = 3.5", "target = 3.8");
  out = join(site, "public");
  ({ server, base, browser } = await buildAndServe(site, out));
});

after(async () => {
  await browser?.close();
  server?.close();
});

for (const path of PATHS) {
  test(`changes ${path}: axe at 390 and 1280 px, readable without JavaScript, marks beyond colour`, async () => {
    for (const [width, javaScript] of [[390, true], [1280, true], [390, false]]) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, javaScriptEnabled: javaScript, bypassCSP: true });
      const page = await context.newPage();
      const response = await page.goto(base + path);
      assert.equal(response.status(), 200);
      if (javaScript) {
        const result = { violations: await axeViolations(page) };
        assert.deepEqual(result.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`), [], `${path} at ${width}px`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width}px`);
      const summary = await page.locator("section.changes-summary").textContent();
      assert.match(summary, /APBD/);
      // The partner who left is named by a link to their page in the edition.
      const gone = await page.locator("table.facts-diff del a").first().getAttribute("href");
      assert.match(gone, /^\/editions\/2024\//);
      assert.equal((await page.request.get(base + gone)).status(), 200);
      // Deleted words are struck through, inserted ones underlined: not colour alone.
      const marks = await page.evaluate(() => ["del", "ins"].map((tag) => getComputedStyle(document.querySelector(tag)).textDecorationLine));
      assert.ok(marks[0].includes("line-through") && marks[1].includes("underline"), JSON.stringify(marks));
      if (width === 390 && javaScript && path === PATHS[0] && process.env.TERBIT_SCREENSHOTS) {
        await page.screenshot({ path: join(repo, "docs/screenshots/changes-phone.png"), clip: { x: 0, y: 0, width: 390, height: 1600 } });
      }
      await context.close();
    }
  });
}

test("the Nu HTML checker finds no error on the changes pages", () => {
  const files = [...PATHS.map((p) => join(out, p, "index.html")), join(out, "editions/index.html")];
  assert.deepEqual(nuErrors(files).map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
});
