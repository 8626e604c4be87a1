import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { openPage } from "./helpers";

// Automated WCAG 2.1 A/AA checks (axe-core) on every page, after hydration,
// at phone width too, in the light and the dark scheme. They catch missing
// labels, landmarks and low contrast; they do not replace trying the pages
// with a keyboard and a screen reader.
const PAGES = ["/", "/guide", "/jobs", "/jobs?type=freelance&skill=rust", "a job", "/salary", "/book", "/privacy", "/design", "/staff/login", "/no/such/page"];

async function problems(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.passes.length, "axe checked nothing").toBeGreaterThan(10);
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`,
  );
}

for (const scheme of ["light", "dark"] as const) {
  for (const width of [1280, 360]) {
    for (const path of PAGES) {
      test(`${path} has no automatically detectable accessibility problems at ${width}px, ${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        await openPage(page, path);

        expect(await problems(page)).toEqual([]);
      });
    }
  }

  test(`the phone's filter drawer, open, has no automatically detectable accessibility problems, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage(page, "/jobs?workplace=remote");

    await page.getByRole("button", { name: /^Filters/ }).click();
    await expect(page.locator("#filters")).toBeVisible();

    expect(await problems(page)).toEqual([]);
  });
}
