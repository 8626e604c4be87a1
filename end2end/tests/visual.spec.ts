import { expect, test } from "@playwright/test";
import { openPage } from "./helpers";

// How each page looks, compared with the committed baselines in
// __screenshots__/visual.spec.ts/ (Playwright's toHaveScreenshot, with the
// tolerance set in playwright.config.ts). A change of design updates them
// on purpose: `E2E_GREP=looks E2E_UPDATE=1 ./dev e2e`, then look at the
// new images before committing them.
//
// ./dev e2e runs these before the journeys, on the seed's data as it is.
//
// What depends on today's date is masked: the booking calendar and its
// times, and every <time> (a job's age).

const PAGES: [string, string][] = [
  ["home", "/"],
  ["jobs", "/jobs"],
  ["jobs-filtered", "/jobs?type=freelance&workplace=remote"],
  ["job", "a job"],
  ["guide", "/guide"],
  ["book", "/book?tz=Europe%2FBerlin"],
  ["salary", "/salary?location=germany&years=5"],
  ["privacy", "/privacy"],
  ["design-system", "/design"],
  ["not-found", "/no/such/page"],
];

for (const scheme of ["light", "dark"] as const) {
  for (const width of [1280, 390]) {
    for (const [name, path] of PAGES) {
      test(`${name} looks as designed at ${width}px, ${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });

        await openPage(page, path);

        await expect(page).toHaveScreenshot(`${name}-${width}-${scheme}.png`, {
          mask: [page.locator(".book__pick, time")],
          // The catalogue is compared whole: its pieces are the point.
          fullPage: name === "design-system",
        });
      });
    }
  }
}
