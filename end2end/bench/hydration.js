// How soon a phone can use a page: Chromium at 390×844 with the CPU slowed
// 4× (DevTools' CPU throttling), a fresh browser context (empty cache) for
// each visit, on loopback and on a slow 4G network (Lighthouse's profile:
// 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up). For each page, the time from navigation start to
// `<html data-hydrated>`, and to the first handled interaction: a click on
// "Book a demo lesson" issued the moment the page is hydrated, until its
// dialog shows the days (its lazy code and the free times have arrived). Run by `./dev bench hydration` against a release build.
//
//   node bench/hydration.js BASE_URL [ROUNDS]
const { chromium } = require("@playwright/test");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const ROUNDS = Number(process.argv[3] ?? 7);
const PAGES = ["/", "/jobs", "/salary"];

// Records when <html data-hydrated> appears, in the page's own clock
// (milliseconds since navigation start).
const WATCH = () => {
  const record = () => {
    if (window.__hydratedAt === undefined && document.documentElement?.hasAttribute("data-hydrated")) {
      window.__hydratedAt = performance.now();
    }
  };
  // The init script runs before <html> exists: watch the whole document.
  new MutationObserver(record).observe(document, { attributes: true, childList: true, subtree: true });
};

const NETWORKS = {
  loopback: null,
  "slow 4G": { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
};

async function visit(browser, url, network) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  if (network) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", network);
  }
  await page.addInitScript(WATCH);
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 60_000, polling: 10 });
  const hydrated = await page.evaluate(() => window.__hydratedAt);
  const clickedAt = await page.evaluate(() => performance.now());
  await page.getByRole("link", { name: "Book a demo lesson" }).first().click();
  await page.locator("dialog[open] .book__days").waitFor({ timeout: 30_000 });
  const handled = await page.evaluate(() => performance.now());
  await context.close();
  return { hydrated, interaction: hydrated + (handled - clickedAt) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  for (const [name, network] of Object.entries(NETWORKS)) {
    console.log(`\n390×844, CPU 4× slower, ${name}, empty cache; median of ${ROUNDS} visits (min–max)`);
    console.log(`${"page".padEnd(10)} ${"data-hydrated".padStart(24)} ${"first interaction".padStart(24)}`);
    for (const route of PAGES) {
      const runs = [];
      for (let i = 0; i < ROUNDS; i++) runs.push(await visit(browser, `${base}${route}`, network));
      const show = (key) => {
        const values = runs.map((r) => r[key]);
        return `${Math.round(median(values))} ms (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;
      };
      console.log(`${route.padEnd(10)} ${show("hydrated").padStart(24)} ${show("interaction").padStart(24)}`);
    }
  }
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
