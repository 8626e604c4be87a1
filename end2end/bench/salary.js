// Times the salary estimator in the browser: the WASM recomputation on
// each input change, as the page records it with the User Timing API
// ("salary-estimate": one estimate; "salary-curve": the chart's 21 years
// plus your point). Run by `./dev bench salary` against a release build.
//
// Chromium rounds performance.now() to 0.1 ms on pages that are not
// cross-origin isolated, so durations under 0.1 ms read as 0 or 0.1.
const { chromium } = require("@playwright/test");

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const ROUNDS = Number(process.argv[3] ?? 400);

function summary(durations) {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { count: sorted.length, mean, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  await page.goto(`${base}/salary?location=berlin&years=5&skill=linux&skill=python&skill=rust`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.evaluate(() => performance.clearMeasures());

  const slider = page.getByLabel("Years of experience (slider)");
  const go = page.getByLabel("Go", { exact: true });
  const started = Date.now();
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 10 === 9) {
      await go.setChecked(i % 20 === 9);
    } else {
      await slider.fill(String((i % 60) / 2));
    }
  }
  await page.waitForTimeout(500);
  const measures = await page.evaluate(() =>
    Object.fromEntries(["salary-estimate", "salary-curve"].map((name) => [name, performance.getEntriesByName(name).map((e) => e.duration)])),
  );
  await browser.close();

  console.log(`${ROUNDS} input changes in ${((Date.now() - started) / 1000).toFixed(1)} s (Playwright-driven)`);
  for (const [name, durations] of Object.entries(measures)) {
    const s = summary(durations);
    console.log(
      `${name.padEnd(16)} n=${s.count}  mean ${s.mean.toFixed(3)} ms  p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms`,
    );
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
