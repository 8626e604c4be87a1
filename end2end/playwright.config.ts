import { defineConfig, devices } from "@playwright/test";

// ./dev test starts the server (as ./dev run serves it, on its own database)
// and passes its address in BASE_URL. Chromium is Debian's; Playwright never
// downloads a browser here.
const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: true,
  // E2E_GREP=dialog ./dev e2e runs only the tests whose titles match.
  grep: process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : undefined,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 30_000,
  expect: {
    timeout: 10_000,
    // Visual baselines (visual.spec.ts): a little tolerance for
    // anti-aliasing, none for a moved or recoloured part.
    toHaveScreenshot: { maxDiffPixelRatio: 0.01, animations: "disabled", caret: "hide" },
  },
  // One baseline per page for every Linux machine: the fonts are ours.
  snapshotPathTemplate: "{testDir}/__screenshots__/{testFileName}/{arg}{ext}",
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
});
