import { expect, Page, test } from "@playwright/test";
import { pickDayAndTime, waitForHydration } from "./helpers";

// What the design promises a visitor, measured in the browser: a dense job
// list, one height for every control, no layout shift while the font
// arrives, filters in a drawer on phones, pay and Apply in reach, and a
// booking that fits a phone. Tests run in parallel: the bookings use days
// 17 and 18 of the calendar, which no other test books.

const cards = (page: Page) => page.locator(".job-list > .job-card");

test("at 1280×800 at least five job cards fit fully above the fold", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.goto("/jobs");

  const bottoms = await cards(page).evaluateAll((all) => all.map((card) => card.getBoundingClientRect().bottom));
  console.log(`job cards fully above the fold at 1280×800: ${bottoms.filter((bottom) => bottom <= 800).length} (the fifth ends at ${Math.round(bottoms[4])} px)`);
  expect(bottoms.filter((bottom) => bottom <= 800).length).toBeGreaterThanOrEqual(5);
});

/** The heights of every single-line control and button in `selector`. */
async function controlHeights(page: Page, selector: string): Promise<Record<string, number>> {
  return page.locator(selector).evaluate((form) => {
    const heights: Record<string, number> = {};
    const controls = form.querySelectorAll(
      "input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=range]), select, .button",
    );
    controls.forEach((control, i) => {
      const box = control.getBoundingClientRect();
      if (box.width > 0) heights[`${i} ${control.tagName} ${control.getAttribute("name") ?? control.textContent?.trim()}`] = Math.round(box.height);
    });
    return heights;
  });
}

const FORMS = [
  { path: "/jobs", form: "form.jobs__form" },
  { path: "/salary", form: "form.salary__form" },
  { path: "/book?tz=UTC", form: "form.book__form" },
  { path: "/", form: "form.hero__search" },
];

for (const { path, form } of FORMS) {
  test(`every input, select and button of the form on ${path} has one height`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page);

    const heights = await controlHeights(page, form);

    expect(Object.keys(heights).length, "controls measured").toBeGreaterThan(1);
    expect(new Set(Object.values(heights)), JSON.stringify(heights)).toEqual(new Set([44]));
  });
}

for (const path of ["/", "/jobs", "/salary", "/guide", "/book"]) {
  test(`${path} does not shift while the font arrives late (CLS at most 0.02)`, async ({ page }) => {
    // A slow font shows the fallback first, then swaps: the fallback's
    // metrics must keep every line where it was.
    await page.route(/\/fonts\/.*\.woff2$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    });
    await page.goto(path);
    await waitForHydration(page);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);

    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!entry.hadRecentInput) total += entry.value;
            }
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 100);
        }),
    );
    expect(await page.evaluate(() => document.fonts.check("16px Inter")), "Inter arrived").toBe(true);
    console.log(`CLS ${path} with the font 1.2 s late: ${shift.toFixed(4)}`);
    expect(shift).toBeLessThanOrEqual(0.02);
  });
}

test("on a phone the filters open as a drawer that stays open while ticking, and 'Show N jobs' closes it on the results", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/jobs");
  await waitForHydration(page);
  const drawer = page.locator("#filters");
  await expect(drawer).toBeHidden();

  await page.getByRole("button", { name: /^Filters/ }).click();
  await expect(drawer).toBeVisible();
  await drawer.getByRole("checkbox", { name: "Freelance" }).check();

  await expect(page).toHaveURL(/\/jobs\?type=freelance$/);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("checkbox", { name: "Freelance" })).toBeFocused();
  const count = (await page.locator(".results__count").innerText()).replace(/\D/g, "");
  const show = drawer.getByRole("button", { name: `Show ${count} jobs` });
  await expect(show).toBeVisible();
  await show.click();

  await expect(drawer).toBeHidden();
  await expect(page.getByRole("button", { name: "Filters (1 in use)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Remove filter: Freelance" })).toBeVisible();
});

test("a filter's chip removes it and keeps the others", async ({ page }) => {
  await page.goto("/jobs?type=freelance&workplace=remote");
  await waitForHydration(page);

  await page.getByRole("link", { name: "Remove filter: Remote" }).click();

  await expect(page).toHaveURL(/\/jobs\?type=freelance$/);
  await expect(page.getByRole("link", { name: "Remove filter: Remote" })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Remote" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Freelance" })).toBeChecked();
});

test("the landing page's search box and popular searches lead to the job search", async ({ page }) => {
  await page.goto("/");

  await page.getByRole("searchbox", { name: "Search jobs" }).fill("rust");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/jobs\?q=rust$/);
  await expect(cards(page).first()).toContainText(/rust/i);
  await page.goBack();
  await page.getByRole("link", { name: "Freelance", exact: true }).click();
  await expect(page).toHaveURL(/\/jobs\?type=freelance$/);
  await expect(page.getByRole("checkbox", { name: "Freelance" })).toBeChecked();
});

test("a job's page shows its pay and Apply at once, and on a phone Apply stays in view while reading", async ({ page }) => {
  await page.goto("/jobs");
  const pay = await cards(page).first().locator(".job-card__pay").innerText();
  await cards(page).first().locator("h3 a").click();
  const apply = page.getByRole("link", { name: "Apply", exact: true });
  await expect(page.locator(".job__head")).toContainText(pay);
  await expect(apply).toBeInViewport();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("heading", { name: "What you bring" }).scrollIntoViewIfNeeded();
  const bar = page.getByRole("link", { name: "Apply for this job" });
  await expect(bar).toBeInViewport();
  await bar.click();

  await expect(page).toHaveURL(/#apply$/);
  await expect(page.getByRole("heading", { name: "Apply", exact: true })).toBeInViewport();
});

/** Opens /book in UTC, picks day `n` and its last time, fills the details. */
async function fillBooking(page: Page, n: number, label: string) {
  await page.goto("/book?tz=UTC");
  await waitForHydration(page);
  await pickDayAndTime(page, n);
  await page.getByLabel("Your name").fill("Mina Park");
  await page.getByLabel("Email, for the confirmation").fill(`${label}-${Date.now()}@example.com`);
  await page.getByLabel(/may use these details/).check();
}

test("on a phone the whole booking, from the top of /book to its button, is at most two screens of scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await fillBooking(page, 17, "design");
  const button = page.getByRole("button", { name: "Book the lesson" });

  const bottom = await button.evaluate((b) => b.getBoundingClientRect().bottom + window.scrollY);
  await button.click();

  console.log(`booking on a 390×844 phone: the button's bottom is ${Math.round(bottom)} px down, ${(bottom / 844 - 1).toFixed(2)} screens of scrolling`);
  expect(bottom, "the button's distance from the top of the page").toBeLessThanOrEqual(3 * 844);
  await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
});

test("the confirmation's Copy link puts the booking's link on the clipboard and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await fillBooking(page, 18, "copy");
  await page.getByRole("button", { name: "Book the lesson" }).click();
  await expect(page.getByRole("heading", { name: "What happens next" })).toBeVisible();
  const link = await page.getByLabel("Your link to this booking").inputValue();

  await page.getByRole("button", { name: "Copy link" }).click();

  await expect(page.locator(".toast")).toHaveText("Link copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link).toMatch(/\/booking\/[A-Za-z0-9_-]+$/);
});
