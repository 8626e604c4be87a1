import { Page } from "@playwright/test";

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
 * Waits until the WASM has hydrated the page: the app marks <html> with
 * data-hydrated from an effect, and effects only run in the browser.
 */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
