// The browser bundle's size: every file under pkg/ (raw, gzip, brotli), and
// each public page's initial set, that is the JS and WASM files the page
// itself asks for until it has hydrated. The sizes come from the built files
// (`.br` and `.gz` written by `cargo leptos build -P`, or compressed here at
// the same quality when they are missing), so the figures do not depend on
// how the server compresses. Run by `./dev bench size`.
//
//   node bench/size.js BASE_URL SITE_DIR [BUDGET_KB]
//
// Exits 1 when a page's initial set is over its budget (brotli, 1 KB =
// 1000 B): BUDGET_KB for every page when given, else bench/budgets.json.
const { chromium } = require("@playwright/test");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const site = process.argv[3] ?? "../target/site-release";
const budgets = process.argv[4]
  ? { default: Number(process.argv[4]) }
  : JSON.parse(fs.readFileSync(path.join(__dirname, "budgets.json"), "utf8"));
const budgetOf = (page) => (budgets[page] ?? budgets.default) * 1000;
const PAGES = ["/", "/jobs", "JOB", "/salary", "/guide", "/book", "/privacy"];

function sizes(file) {
  const raw = fs.readFileSync(file);
  const stored = (ext, make) => (fs.existsSync(file + ext) ? fs.statSync(file + ext).size : make(raw).length);
  return {
    raw: raw.length,
    gzip: stored(".gz", (b) => zlib.gzipSync(b, { level: 9 })),
    brotli: stored(".br", (b) =>
      zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    ),
  };
}

const kb = (bytes) => (bytes / 1000).toFixed(1).padStart(8);

async function initialSet(browser, url) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const files = new Set();
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/pkg/") && /\.(js|wasm)$/.test(pathname)) files.add(pathname.slice(5));
  });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await page.close();
  return { files: [...files].sort(), errors };
}

(async () => {
  const pkg = path.join(site, "pkg");
  const bundle = fs
    .readdirSync(pkg)
    .filter((name) => /\.(js|wasm)$/.test(name))
    .sort();
  const all = Object.fromEntries(bundle.map((name) => [name, sizes(path.join(pkg, name))]));

  console.log("Files under pkg/ (KB):");
  console.log(`${"file".padEnd(48)}      raw     gzip   brotli`);
  for (const [name, s] of Object.entries(all)) {
    console.log(`${name.padEnd(48)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // A job page: the first result of the search.
  const finder = await browser.newPage();
  await finder.goto(`${base}/jobs`);
  const job = await finder.locator(".results a[href^='/jobs/']").first().getAttribute("href");
  await finder.close();

  console.log(`\nEach page's initial set (JS + WASM it loads until hydrated), KB:`);
  console.log(`${"page".padEnd(48)}      raw     gzip   brotli   budget  files`);
  let over = 0;
  for (const wanted of PAGES) {
    const route = wanted === "JOB" ? job : wanted;
    const { files, errors } = await initialSet(browser, `${base}${route}`);
    const total = files.reduce(
      (sum, name) => {
        const s = all[name] ?? sizes(path.join(pkg, name));
        return { raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli };
      },
      { raw: 0, gzip: 0, brotli: 0 },
    );
    const budget = budgetOf(wanted);
    const verdict = total.brotli > budget ? "  OVER BUDGET" : "";
    if (total.brotli > budget) over++;
    console.log(
      `${route.slice(0, 48).padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)} ${kb(budget)}  ${files.length}${verdict}`,
    );
    for (const error of errors) console.log(`    page error: ${error}`);
    if (errors.length) over++;
  }
  await browser.close();
  process.exit(over ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
