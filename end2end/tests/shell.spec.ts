import { expect, test } from "@playwright/test";
import { NAV_PAGES, waitForHydration } from "./helpers";

test("the landing page leads to jobs, salary and a demo lesson", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Backline/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const doors = page.getByRole("region", { name: "What you can do here" });
  await expect(doors.getByRole("link", { name: "Find a job" })).toHaveAttribute("href", "/jobs");
  await expect(doors.getByRole("link", { name: "Estimate your salary" })).toHaveAttribute("href", "/salary");
  await expect(doors.getByRole("link", { name: "Book a demo lesson" })).toHaveAttribute("href", "/book");
});

test("every header link opens its page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const target of NAV_PAGES) {
    await nav.getByRole("link", { name: target.link, exact: true }).click();
    await expect(page).toHaveURL(target.path);
    await expect(page.getByRole("heading", { level: 1, name: target.heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: target.link, exact: true })).toHaveAttribute("aria-current", "page");
  }
});

test("the book a demo lesson button on every page opens the booking dialog, and Esc closes it", async ({ page }) => {
  for (const path of ["/", "/guide", "/jobs", "/salary"]) {
    await page.goto(path);
    await waitForHydration(page);
    const button = page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" });
    await expect(button).toHaveAttribute("href", "/book");

    await button.click();

    const dialog = page.getByRole("dialog", { name: "Book a demo lesson" });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(".book__days a").first()).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    await expect(page).toHaveURL(path);
  }
});

test("an unknown address shows a helpful not-found page with status 404", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The salary estimator" })).toBeVisible();
});

test("the layout fits a 360 pixel wide phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/guide", "/jobs"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    await expect(page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" })).toBeInViewport();
  }
});

test("each page has its own title and description", async ({ page }) => {
  const seen = new Set<string>();
  for (const path of ["/", "/guide", "/jobs", "/salary", "/book"]) {
    await page.goto(path);
    const title = await page.title();
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description, `description on ${path}`).toBeTruthy();
    expect(seen.has(title), `title "${title}" repeated on ${path}`).toBe(false);
    seen.add(title);
  }
});

test("pages hydrate without console errors or security policy violations", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  for (const path of ["/", "/guide", "/jobs", "/book", "/salary", "/design"]) {
    await page.goto(path);
    await waitForHydration(page);
  }
  const aJob = await page.request.get("/jobs").then((response) => response.text());
  const jobPath = aJob.match(/href="(\/jobs\/[a-z0-9-]+)"/)?.[1];
  expect(jobPath, "a job page linked from /jobs").toBeTruthy();
  await page.goto(jobPath!);
  await waitForHydration(page);
  expect(problems).toEqual([]);
});

test("going between any two top-level pages by their links gives no console error", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  const pages = [
    { path: "/", link: () => page.getByRole("link", { name: "Backline home" }) },
    { path: "/jobs", link: () => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }) },
    { path: "/salary", link: () => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Salary" }) },
    { path: "/guide", link: () => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guide" }) },
    { path: "/book", link: () => page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "Book a demo lesson" }) },
  ];
  for (const from of pages) {
    for (const to of pages.filter((p) => p !== from)) {
      await page.goto(from.path);
      await waitForHydration(page);
      await to.link().click();
      await expect.poll(() => new URL(page.url()).pathname, { message: `from ${from.path}` }).toBe(to.path);
      await waitForHydration(page);
    }
  }
  expect(problems).toEqual([]);
});

test("keyboard users can skip straight to the content", async ({ page }) => {
  await page.goto("/guide");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator("main")).toBeFocused();
});
