import { expect, Locator, Page } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";

/** The pages every visitor can reach from the header, with the heading each shows. */
export const NAV_PAGES = [
  { link: "Jobs", path: "/jobs", heading: "Back-end developer jobs" },
  { link: "Salary", path: "/salary", heading: "Salary estimator" },
  { link: "Guide", path: "/guide", heading: "Becoming a back-end developer" },
] as const;

/**
 * Holds back every WASM file until the returned function is called, so a
 * test can act on the server's HTML before the islands' code arrives, as
 * a visitor on a slow phone can.
 */
export async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/**
 * Opens `path`, or with "a job" the first job of the list, and waits for
 * hydration and the font.
 */
export async function openPage(page: Page, path: string) {
  if (path === "a job") {
    await page.goto("/jobs");
    await page.locator(".job-list > .job-card h3 a").first().click();
    await expect(page.getByRole("link", { name: "← All jobs" })).toBeVisible();
  } else {
    await page.goto(path);
  }
  await waitForHydration(page);
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Waits until the WASM has hydrated the page: the app marks <html> with
 * data-hydrated from an effect, and effects only run in the browser.
 */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * The booking calendar's n-th free day (from 0), counted across months:
 * turns to later months, with their link, until it is shown.
 */
export async function nthDay(scope: Page | Locator, n: number): Promise<Locator> {
  for (;;) {
    const days = scope.locator(".book__days a");
    const count = await days.count();
    if (n < count) return days.nth(n);
    n -= count;
    await laterMonth(scope);
  }
}

/** Turns the calendar to the next month with free days. */
export async function laterMonth(scope: Page | Locator) {
  const month = scope.locator("#book-month");
  const before = await month.innerText();
  await scope.locator("a.book__month-nav[data-key=later]").click();
  await expect(month).not.toHaveText(before);
}

/** Turns the calendar on until its month has at least `count` free days. */
export async function monthWithDays(scope: Page | Locator, count: number) {
  await expect(scope.locator("#book-month")).toBeVisible();
  while ((await scope.locator(".book__days a").count()) < count) await laterMonth(scope);
}

/** Picks the n-th free day, then its last free time; says which. */
export async function pickDayAndTime(scope: Page | Locator, n: number) {
  const day = await nthDay(scope, n);
  const label = ((await day.getAttribute("aria-label")) ?? "").split(":")[0].replace(", today", "");
  await day.click();
  await expect(scope.locator(".book__times legend")).toContainText(label);
  const slot = scope.locator(".book__slot").last();
  const time = await slot.locator(".book__slot-time").innerText();
  await slot.click();
  await expect(slot.locator("input")).toBeChecked();
  return { label, time };
}

/**
 * The message sent to `address` (and saying `saying`, when given), decoded,
 * once the test SMTP server has it.
 */
export async function mailTo(address: string, saying = ""): Promise<string> {
  const dir = path.join(process.env.MAILDIR ?? "../.data/e2e-mail", "new");
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const decoded = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      if (text.includes(`To: ${address}`) && decoded.includes(saying)) return decoded;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`no email to ${address} within 15 s`);
}
