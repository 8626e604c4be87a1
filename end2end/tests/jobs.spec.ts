import { expect, Page, test } from "@playwright/test";
import { holdWasm, waitForHydration } from "./helpers";

const results = (page: Page) => page.locator(".job-list > .job-card");
const titles = (page: Page) => page.locator(".job-list > .job-card h3").allInnerTexts();
const count = (page: Page) => page.locator(".results__count");
const search = (page: Page) => page.getByRole("searchbox", { name: "Search jobs" });
const option = (page: Page, name: string) => page.getByRole("checkbox", { name: new RegExp(`^${name}`) });

/** Waits until the results shown answer the search in the address bar. */
async function settled(page: Page) {
  const search = new URL(page.url()).search.replace(/^\?/, "");
  await expect(page.locator(".results")).toHaveAttribute("data-for", search);
}

/** Marks the window; a full page load would lose the mark. */
async function markWindow(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
async function isSameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

test("typing updates the results as you type, without loading a new page", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  await markWindow(page);
  const before = await count(page).innerText();

  await search(page).pressSequentially("pyth", { delay: 40 });

  await expect(page).toHaveURL(/\/jobs\?q=pyth$/);
  await settled(page);
  await expect(count(page)).not.toHaveText(before);
  for (const card of await results(page).all()) {
    await expect(card).toContainText("Python");
  }
  expect(await isSameDocument(page)).toBe(true);
  await expect(search(page)).toHaveValue("pyth");
});

test("typing replaces the history entry, and a filter adds one", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  const entries = () => page.evaluate(() => history.length);
  const before = await entries();

  // Pauses longer than the typing pause: each one runs a search.
  await search(page).pressSequentially("python", { delay: 250 });
  await expect(page).toHaveURL(/\/jobs\?q=python$/);
  await settled(page);
  expect(await entries()).toBe(before);

  await option(page, "Remote").check();
  await expect(page).toHaveURL(/q=python&workplace=remote/);
  await settled(page);
  expect(await entries()).toBe(before + 1);

  await page.goBack();
  await expect(page).toHaveURL(/\/jobs\?q=python$/);
  await settled(page);
});

test("on a phone, opening the filters and closing them asks the server for nothing", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/jobs?q=rust");
  await waitForHydration(page);
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "fetch") fetched.push(new URL(request.url()).search);
  });

  await page.getByRole("button", { name: "Filters" }).click();
  await expect(page.locator("#filters")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator("#filters")).toBeHidden();
  // A search now: anything opening the drawer had fetched would be listed before it.
  await search(page).fill("go");
  await expect(page).toHaveURL(/\/jobs\?q=go$/);
  await settled(page);

  expect(fetched).toEqual(["?q=go"]);
});

test("clearing the filters from a link also clears the search box", async ({ page }) => {
  await page.goto("/jobs?q=rust&workplace=remote");
  await waitForHydration(page);
  await expect(search(page)).toHaveValue("rust");

  await page.getByRole("link", { name: "Clear all filters" }).click();

  await expect(page).toHaveURL(/\/jobs$/);
  await settled(page);
  await expect(search(page)).toHaveValue("");
  await option(page, "Senior").check();
  await expect(page).toHaveURL(/\/jobs\?seniority=senior$/);
});

test("changing the sort keeps focus on the sort menu", async ({ page }) => {
  await page.goto("/jobs?q=developer");
  await waitForHydration(page);
  const sort = page.getByLabel("Sort");
  await sort.focus();

  await sort.selectOption("newest");

  await expect(page).toHaveURL(/sort=newest/);
  await settled(page);
  await expect(page.getByLabel("Sort")).toBeFocused();
});

test("a filter click updates the counts and the URL, and counts stay disjunctive", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  const employee = page.locator("label[for='f-type-employee'] .option__count");
  const remote = page.locator("label[for='f-workplace-remote'] .option__count");
  const employeeBefore = await employee.innerText();
  const remoteBefore = await remote.innerText();

  await option(page, "Freelance").check();

  await expect(page).toHaveURL(/\/jobs\?type=freelance$/);
  await settled(page);
  await expect(remote).not.toHaveText(remoteBefore);
  // Choosing another type would add to the results, so its count is unchanged.
  await expect(employee).toHaveText(employeeBefore);
  await expect(count(page)).toHaveText(`${await page.locator("label[for='f-type-freelance'] .option__count").innerText()} jobs`);
  for (const card of await results(page).all()) {
    await expect(card.locator(".job-card__tags")).toContainText("Freelance");
  }
});

test("back and forward restore the search, the filters and the results", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  await search(page).fill("developer");
  await expect(page).toHaveURL(/q=developer/);
  await settled(page);
  const typed = await titles(page);
  await option(page, "Remote").check();
  await expect(page).toHaveURL(/q=developer&workplace=remote/);
  await settled(page);
  const filtered = await titles(page);

  await page.goBack();

  await expect(page).toHaveURL(/\/jobs\?q=developer$/);
  await settled(page);
  await expect(option(page, "Remote")).not.toBeChecked();
  await expect(search(page)).toHaveValue("developer");
  expect(await titles(page)).toEqual(typed);

  await page.goForward();

  await expect(option(page, "Remote")).toBeChecked();
  await settled(page);
  expect(await titles(page)).toEqual(filtered);
});

test("a shared link opened fresh shows the same results", async ({ page, browser }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  await option(page, "Senior").check();
  await search(page).fill("engineer");
  await expect(page).toHaveURL(/q=engineer&seniority=senior/);
  await settled(page);
  const shown = await titles(page);
  const url = page.url();

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);

  expect(await titles(fresh)).toEqual(shown);
  await expect(option(fresh, "Senior")).toBeChecked();
  await expect(search(fresh)).toHaveValue("engineer");
});

test("a typo shows corrected results with the original one click away", async ({ page }) => {
  await page.goto("/jobs?q=pyhton");
  await waitForHydration(page);

  await expect(page.locator(".correction")).toContainText("Showing results for python");
  await expect(results(page).first()).toContainText("Python");

  await page.locator(".correction a").click();

  await expect(page).toHaveURL(/q=pyhton&exact=1/);
  await expect(page.getByRole("heading", { name: "No jobs match all of that" })).toBeVisible();
});

test("no results suggest which filter to remove", async ({ page }) => {
  await page.goto("/jobs?q=python&skill=mysql&workplace=onsite&posted=1&salary_min=900000");
  const remove = page.getByRole("link", { name: "Remove the minimum pay" });
  await expect(remove).toBeVisible();

  await remove.click();

  await expect(page).toHaveURL(/\/jobs\?q=python&workplace=onsite&skill=mysql&posted=1$/);
});

test("the next page continues the list where the first ended", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  const links = () => page.locator(".job-list > .job-card h3 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const first = await links();
  expect(first).toHaveLength(20);

  await page.getByRole("link", { name: "Next 20 jobs" }).click();

  await expect(page).toHaveURL(/after=n\d+_\d+/);
  await settled(page);
  await expect(page.getByRole("link", { name: "Back to the first page" })).toBeVisible();
  const second = await links();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((href) => first.includes(href))).toEqual([]);
});

test("following Next 20 jobs moves focus to the new results, and the count is said where it always is", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);

  await page.getByRole("link", { name: "Next 20 jobs" }).click();

  await expect(page).toHaveURL(/after=/);
  await settled(page);
  await expect(page.locator(".results h2")).toBeFocused();
  await expect(page.locator("#jobs-announce")).toHaveText(await count(page).innerText());
  await expect(page.getByRole("status")).toHaveCount(1);
});

test("More skills stays open when a filter changes the results", async ({ page }) => {
  await page.goto("/jobs");
  await waitForHydration(page);
  await page.getByText("More skills").click();
  const more = page.locator(".filters__more");
  await expect(more).toHaveAttribute("open", "");

  await option(page, "Remote").check();

  await expect(page).toHaveURL(/workplace=remote/);
  await settled(page);
  await expect(more).toHaveAttribute("open", "");
});

test("a letter typed inside the location keeps the caret there when the new results arrive", async ({ page }) => {
  await page.goto("/jobs?location=Lon");
  await waitForHydration(page);
  const location = page.locator("#f-location");
  await location.focus();
  await location.evaluate((input: HTMLInputElement) => input.setSelectionRange(1, 1));

  await page.keyboard.type("x");

  await expect(page).toHaveURL(/location=Lxon/i);
  await settled(page);
  await expect(location).toBeFocused();
  await expect(location).toHaveValue("Lxon");
  expect(await location.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([2, 2]);
});

test("a location typed before the search's code arrives is searched once it does, and kept", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/jobs");
  const location = page.locator("#f-location");
  await location.fill("Berlin");

  release();
  await waitForHydration(page);

  await expect(page).toHaveURL(/location=berlin/i);
  await settled(page);
  await expect(location).toHaveValue("Berlin");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form gives the same results as the live search", async ({ page, browser }) => {
    await page.goto("/jobs");
    await search(page).fill("developer");
    await option(page, "Hybrid").check();
    await option(page, "Employee").check();

    await page.getByRole("button", { name: "Show jobs" }).click();

    await expect(page).toHaveURL(/q=developer/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll("workplace")).toEqual(["hybrid"]);
    expect(url.searchParams.getAll("type")).toEqual(["employee"]);
    const withoutJs = await titles(page);
    const live = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await live.goto("/jobs?q=developer&type=employee&workplace=hybrid");
    await waitForHydration(live);
    await settled(live);
    expect(await titles(live)).toEqual(withoutJs);
  });
});
