import { expect, Page, Request, test } from "@playwright/test";
import { holdWasm, waitForHydration } from "./helpers";

/** The three figures the page shows, as text. */
async function figures(page: Page) {
  const range = page.getByTestId("salary-range");
  return {
    p25: await range.locator("[data-p25]").innerText(),
    median: await page.locator("[data-median]").innerText(),
    p75: await range.locator("[data-p75]").innerText(),
  };
}

/**
 * Data the page asks for from now on: fetches, XHRs and documents. (Chromium
 * may look at the favicon again when the URL changes; that is no estimate.)
 */
function recordRequests(page: Page) {
  const requests: string[] = [];
  page.on("request", (request: Request) => {
    if (["fetch", "xhr", "document"].includes(request.resourceType())) {
      requests.push(`${request.method()} ${request.url()}`);
    }
  });
  return requests;
}

async function openHydrated(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
}

test("moving the slider recomputes the range in the browser, with no network request", async ({ page }) => {
  await openHydrated(page, "/salary?location=united-states&years=5");
  const before = await figures(page);
  const requests = recordRequests(page);

  await page.getByLabel("Years of experience (slider)").fill("12");

  await expect(page.locator("[data-median]")).not.toHaveText(before.median);
  await expect(page).toHaveURL(/years=12/);
  expect(requests).toEqual([]);
  await expect(page.getByLabel("Years of experience", { exact: true })).toHaveValue("12");
});

test("toggling a skill recomputes the range without asking the server for it", async ({ page }) => {
  await openHydrated(page, "/salary?location=berlin&years=5");
  const before = await figures(page);
  const requests = recordRequests(page);

  await page.getByLabel("Python").check();

  await expect(page.locator("[data-median]")).not.toHaveText(before.median);
  await expect(page.locator(".breakdown")).toContainText("Python");
  // The only request a skill may cause is the live job count for the link.
  const others = requests.filter((r) => !r.includes("/api/salary/jobs"));
  expect(others).toEqual([]);
  await expect(page).toHaveURL(/skill=python/);
});

test("the URL carries the inputs, and reloading it restores the same estimate", async ({ page }) => {
  await openHydrated(page, "/salary");
  await page.getByLabel("Location").selectOption("london");
  await page.getByLabel("Years of experience", { exact: true }).fill("8");
  await page.getByLabel("Rust").check();
  await page.getByLabel("Type of work").selectOption("freelance");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("radio", { name: "a month" }).check();
  await expect(page).toHaveURL(/location=london&years=8&skill=rust&type=freelance&currency=EUR&period=month/);
  const shown = await figures(page);

  await page.reload();
  await waitForHydration(page);

  expect(await figures(page)).toEqual(shown);
  await expect(page.getByLabel("Location")).toHaveValue("london");
  await expect(page.getByLabel("Rust")).toBeChecked();
  await expect(page.getByRole("radio", { name: "a month" })).toBeChecked();
});

test("the chart is drawn, described in words and as a table, and its marked point moves", async ({ page }) => {
  await openHydrated(page, "/salary?location=germany&years=3");
  const chart = page.getByRole("img", { name: "Pay by years of experience" });
  await expect(chart).toBeVisible();
  await expect(chart.locator("desc")).toContainText("The median rises from");
  await expect(page.locator(".chart__table tbody tr")).toHaveCount(21);
  const you = page.locator(".chart__you circle");
  const before = await you.getAttribute("cx");

  await page.getByLabel("Years of experience (slider)").fill("15");

  await expect(you).not.toHaveAttribute("cx", before ?? "");
  await expect(page.locator(".chart__you")).toHaveAttribute("data-years", "15");
});

test("See N matching jobs opens the job search with the same place, skill and type", async ({ page }) => {
  await openHydrated(page, "/salary?location=united-states&skill=python");
  const link = page.getByTestId("matching-jobs");
  await expect(link).toHaveText(/See \d+ matching jobs?/);
  const count = (await link.innerText()).match(/\d+/)![0];

  await link.click();

  await expect(page).toHaveURL(/\/jobs\?type=employee&skill=python&location=US$/);
  await expect(page.locator(".results__count")).toHaveText(`${count} job${count === "1" ? "" : "s"}`);
});

test("a place without figures says so, and its country stands in, labelled", async ({ page }) => {
  await openHydrated(page, "/salary?location=krakow");

  await expect(page.getByRole("status").filter({ hasText: "Not enough data for Kraków" })).toBeVisible();
  await page.getByLabel("Location").selectOption("lisbon");

  await expect(page.getByRole("heading", { name: "No estimate for Lisbon, Portugal" })).toBeVisible();
  await expect(page.locator("[data-median]")).toHaveCount(0);
});

/** The same inputs, chosen the way a person would, with or without JavaScript. */
async function chooseBangaloreAgencyHourly(page: Page) {
  await page.getByLabel("Location").selectOption("bangalore");
  await page.getByLabel("Years of experience", { exact: true }).fill("3.5");
  for (const skill of ["Linux", "Python", "MySQL"]) await page.getByLabel(skill).check();
  await page.getByLabel("Type of work").selectOption("agency");
  await page.getByLabel("Currency").selectOption("USD");
  await page.getByRole("radio", { name: "an hour" }).check();
}

test.describe("JavaScript on and off agree", () => {
  const url = "/salary?location=bangalore&years=3.5&skill=linux&skill=python&skill=mysql&type=agency&currency=USD&period=hour";

  test("the same URL shows the same numbers with JavaScript off as the live page computes", async ({ page, browser }) => {
    await openHydrated(page, "/salary");
    await chooseBangaloreAgencyHourly(page);
    await expect(page).toHaveURL(url);
    const live = await figures(page);

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(url);
    expect(await figures(plain)).toEqual(live);
    await noJs.close();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the GET form gives the estimate for the chosen inputs", async ({ page }) => {
      await page.goto("/salary");
      await chooseBangaloreAgencyHourly(page);

      await page.getByRole("button", { name: "Update estimate" }).click();

      await expect(page).toHaveURL(/location=bangalore&years=3.5&skill=linux&skill=python&skill=mysql&type=agency&currency=USD&period=hour/);
      await expect(page.locator("[data-median]")).toHaveText(/^\$\d+(\.\d+)?$/);
      await expect(page.getByLabel("Python")).toBeChecked();
    });
  });
});

test("the guide's pay link for a skill opens the estimator with that skill chosen", async ({ page }) => {
  await page.goto("/guide");

  await page.getByRole("link", { name: "Pay with Python" }).click();

  await expect(page).toHaveURL(/\/salary\?skill=python$/);
  await expect(page.getByLabel("Python")).toBeChecked();
  await expect(page.locator(".breakdown")).toContainText("Python");
});

test("typing out-of-range years says so, and an emptied box keeps the estimate", async ({ page }) => {
  await openHydrated(page, "/salary?location=germany&years=5");
  const years = page.getByLabel("Years of experience", { exact: true });
  const before = await figures(page);

  await years.fill("");
  await page.waitForTimeout(400);
  expect(await figures(page)).toEqual(before);

  await years.fill("60");

  await expect(page.getByRole("status").filter({ hasText: "Years of experience go up to 50; using 50." })).toBeVisible();
  await expect(page).toHaveURL(/years=50/);
});

test("a jump to the content right after a change keeps the change", async ({ page }) => {
  await openHydrated(page, "/salary?location=united-states&years=5");
  const years = page.getByLabel("Years of experience", { exact: true });

  await page.getByLabel("Years of experience (slider)").fill("12");
  // Before the URL follows (250 ms later): a fragment jump is a history
  // entry with the old query.
  await page.evaluate(() => (location.hash = "main"));

  await expect(page).toHaveURL(/years=12/);
  await expect(years).toHaveValue("12");
});


test("years typed before the estimator's code arrives are kept and estimated once it does", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/salary?location=united-states&years=5");
  const years = page.getByLabel("Years of experience", { exact: true });
  const before = await page.locator("[data-median]").innerText();
  await years.fill("15");

  release();
  await waitForHydration(page);

  await expect(years).toHaveValue("15");
  await expect(page).toHaveURL(/years=15/);
  await expect(page.locator("[data-median]")).not.toHaveText(before);
});

test("one select holds every place, grouped by country, and typing a city's name picks it", async ({ page }) => {
  await openHydrated(page, "/salary?location=united-states&years=5");
  const before = await figures(page);
  const location = page.getByLabel("Location");

  await location.focus();
  await page.keyboard.type("Madrid");

  await expect(location).toHaveValue("madrid");
  await expect(page.locator("#salary-location optgroup[label=Spain] option")).toContainText(["Spain, whole country", "Madrid"]);
  await expect(page).toHaveURL(/location=madrid/);
  expect(await figures(page)).not.toEqual(before);
});

test("back and forward show each entry's estimate with the form set to match", async ({ page }) => {
  await openHydrated(page, "/salary?location=berlin&years=5");
  const berlin = await figures(page);
  await page.getByLabel("Location").selectOption("london");
  await expect(page).toHaveURL(/location=london/);
  const london = await figures(page);
  await page.evaluate(() => history.pushState(null, "", "/salary?location=berlin&years=5"));
  await page.evaluate(() => history.pushState(null, "", "/salary?location=london&years=8"));

  await page.goBack();

  await expect(page.getByLabel("Location")).toHaveValue("berlin");
  await expect(page.getByLabel("Years of experience", { exact: true })).toHaveValue("5");
  await expect(page.locator("[data-median]")).toHaveText(berlin.median);
  await page.goForward();
  await expect(page.getByLabel("Location")).toHaveValue("london");
  await expect(page.getByLabel("Years of experience", { exact: true })).toHaveValue("8");
  expect(london.median).not.toEqual(berlin.median);
});
