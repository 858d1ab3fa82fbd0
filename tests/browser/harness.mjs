// What the browser tests share: the terbit binary and a private copy of the
// example to build, a built site served from its folder as a static server
// would serve it, Debian's Chromium launched headless with no background
// traffic (the machines have no network), and the two checkers every page
// must pass: axe-core (WCAG 2.2 A/AA) and the Nu HTML checker.
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..");
export const terbit = process.env.TERBIT_BIN || join(repo, "target/debug/terbit");
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const vnuJar = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");

// A copy of the Gorontalo example (configuration, content, theme) in a new
// temporary folder named after `prefix`, for a test to change.
export function copyExample(prefix) {
  const site = mkdtempSync(join(tmpdir(), prefix));
  for (const part of ["terbit.toml", "content", "themes"]) cpSync(join(repo, part), join(site, part), { recursive: true });
  return site;
}

// Builds the site at `root` into `out` (throws, with terbit's report, on failure).
export function build(root, out) {
  execFileSync(terbit, ["build", "--root", root, "--output", out], { stdio: "pipe" });
}

// Builds the site at `root` into `out`, serves `out` (every answer with
// `headers`) and launches Chromium: { server, base, browser }.
export async function buildAndServe(root, out, headers = {}) {
  build(root, out);
  const { server, base } = await serveFolder(out, headers);
  return { server, base, browser: await launch() };
}

// axe-core's WCAG 2.2 A/AA violations on the page open in `page`.
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return result.violations;
}

// The Nu HTML checker's errors in `files`: it exits non-zero and reports on
// stderr when it finds one.
export function nuErrors(files) {
  try {
    execFileSync("java", ["-jar", vnuJar, "--errors-only", "--format", "json", ...files], { stdio: "pipe" });
    return [];
  } catch (e) {
    return JSON.parse(e.stderr.toString() || "{}").messages || [];
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".xml": "application/xml", ".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
  ".pdf": "application/pdf",
};

// Serves the folder `out` on a loopback port, every answer with `headers`;
// a missing file gets the site's 404.html with status 404. Returns { server, base }.
export async function serveFolder(out, headers = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.includes("..")) { res.writeHead(400).end(); return; }
    let file = join(out, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"], ...headers }).end(readFileSync(join(out, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", ...headers }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}
