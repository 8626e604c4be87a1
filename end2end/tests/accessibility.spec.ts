import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

// Automated WCAG 2.1 A/AA checks (axe-core) on every page, after hydration and
// at phone width too. They catch missing labels, landmarks and low contrast;
// they do not replace trying the pages with a keyboard and a screen reader.
const PAGES = ["/", "/guide", "/jobs", "/salary", "/book", "/privacy", "/no/such/page"];

for (const width of [1280, 360]) {
  for (const path of PAGES) {
    test(`${path} has no automatically detectable accessibility problems at ${width}px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(path);
      await waitForHydration(page);

      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();

      const problems = results.violations.map(
        (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`,
      );
      expect(results.passes.length, "axe checked nothing").toBeGreaterThan(10);
      expect(problems).toEqual([]);
    });
  }
}
