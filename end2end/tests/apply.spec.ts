import { expect, Page, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

/** Opens the newest open job's page; each test gets its own email address. */
async function openAJob(page: Page) {
  await page.goto("/jobs");
  const link = page.locator(".job-list > .job-card h3 a").first();
  const title = await link.innerText();
  const href = await link.getAttribute("href");
  // A fresh, complete load of the job page, so nothing is still loading when the form is used.
  await page.goto(href ?? "/jobs", { waitUntil: "load" });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return title;
}

const email = (label: string) => `e2e-${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

test("applying with JavaScript checks the fields in the browser, keeps what was typed, then sends", async ({ page }) => {
  await openAJob(page);
  await waitForHydration(page);
  const form = page.locator(".apply__form");
  await form.getByLabel("Your name").fill("Asha Rao");
  await form.getByLabel("Email").fill("asha-at-example");
  await form.getByLabel("Why this job fits you").fill("Too short");

  await form.getByRole("button", { name: "Send application" }).click();

  await expect(form.getByText("is not an email address")).toBeVisible();
  await expect(form.locator("#apply-message-error")).toContainText("at least 20 characters");
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Your name")).toHaveValue("Asha Rao");

  const address = email("js");
  await form.getByLabel("Email").fill(address);
  await form.getByLabel("Why this job fits you").fill("Six years of Python and PostgreSQL in production.");
  await form.getByRole("button", { name: "Send application" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Your application is with" })).toBeVisible();
});

test("a field's message appears as it is left and goes once it is put right, before any submission", async ({ page }) => {
  await openAJob(page);
  await waitForHydration(page);
  const form = page.locator(".apply__form");
  const emailField = form.getByLabel("Email");

  await emailField.fill("asha-at-example");
  await form.getByLabel("Why this job fits you").focus();

  await expect(form.locator("#apply-email-error")).toContainText("is not an email address");
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toHaveCount(0);

  await emailField.fill(email("fixed"));

  await expect(form.locator("#apply-email-error")).toBeEmpty();
  await expect(emailField).toHaveAttribute("aria-invalid", "false");
});

test("a second application from the same email is refused clearly", async ({ page }) => {
  await openAJob(page);
  await waitForHydration(page);
  const address = email("twice");
  const send = async () => {
    const form = page.locator(".apply__form");
    await form.getByLabel("Your name").fill("Asha Rao");
    await form.getByLabel("Email").fill(address);
    await form.getByLabel("Why this job fits you").fill("Six years of Python and PostgreSQL in production.");
    await form.getByRole("button", { name: "Send application" }).click();
  };
  await send();
  await expect(page.getByText("Your application is with")).toBeVisible();
  // The address now says "applied" (a reload shows the thanks again), so
  // open the job afresh to apply a second time.
  await expect(page).toHaveURL(/\?applied=1$/);
  await page.goto(page.url().replace(/\?.*$/, ""));
  await waitForHydration(page);
  await send();

  await expect(page.getByRole("alert")).toContainText("already applied to this job");

  // Leaving a field fixes nothing: the refusal stays until the next submission.
  await page.locator(".apply__form").getByLabel("Your name").focus();
  await page.locator(".apply__form").getByLabel("Email").focus();
  await expect(page.getByRole("alert")).toContainText("already applied to this job");
});

test("an application that cannot reach the server says so and keeps everything typed", async ({ page }) => {
  await openAJob(page);
  await waitForHydration(page);
  const form = page.locator(".apply__form");
  const message = "Six years of Python and PostgreSQL in production.";
  await form.getByLabel("Your name").fill("Asha Rao");
  await form.getByLabel("Email").fill(email("offline"));
  await form.getByLabel("Why this job fits you").fill(message);
  await page.route(/\/jobs\/[^/?]+$/, (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
  );

  await form.getByRole("button", { name: "Send application" }).click();

  await expect(form.getByRole("alert")).toContainText("could not reach Backline");
  await expect(form.getByLabel("Why this job fits you")).toHaveValue(message);
  await expect(form.getByRole("button", { name: "Send application" })).toHaveAttribute("aria-disabled", "false");
  await page.unroute(/\/jobs\/[^/?]+$/);
  await form.getByRole("button", { name: "Send application" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your application is with" })).toBeVisible();
});

test("a job gone while the form was open says it is not found, and the summary stays one alert while fields are fixed", async ({ page }) => {
  await openAJob(page);
  await waitForHydration(page);
  const form = page.locator(".apply__form");
  await form.getByLabel("Email").fill("asha-at-example");
  await form.getByRole("button", { name: "Send application" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Please correct the highlighted fields");
  await alert.evaluate((el) => ((el as HTMLElement).dataset.first = "yes"));

  await form.getByLabel("Your name").fill("Asha Rao");

  await expect(form.locator("#apply-name-error")).toBeEmpty();
  await expect(form.locator("[role=alert][data-first=yes]")).toHaveCount(1);

  await form.getByLabel("Email").fill(email("gone"));
  await form.getByLabel("Why this job fits you").fill("Six years of Python and PostgreSQL in production.");
  await page.route(/\/jobs\/[^/?]+$/, (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 404, contentType: "text/html", body: "<main><h1>Not found</h1></main>" })
      : route.continue(),
  );
  await form.getByRole("button", { name: "Send application" }).click();

  await expect(form.getByRole("alert")).toContainText("We could not find what you asked for.");
  await expect(form.getByLabel("Your name")).toHaveValue("Asha Rao");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("applying posts the form, shows errors with what was typed, then redirects on success", async ({ page }) => {
    await openAJob(page);
    const form = page.locator(".apply__form");
    await form.getByLabel("Your name").fill("Asha Rao");
    await form.getByLabel("Email").fill("asha-at-example");
    await form.getByLabel("Why this job fits you").fill("Six years of Python and PostgreSQL in production.");

    await form.getByRole("button", { name: "Send application" }).click();

    await expect(form.getByText("is not an email address")).toBeVisible();
    await expect(form.getByLabel("Email")).toHaveValue("asha-at-example");
    await expect(form.getByLabel("Why this job fits you")).toHaveValue("Six years of Python and PostgreSQL in production.");

    await form.getByLabel("Email").fill(email("nojs"));
    await form.getByRole("button", { name: "Send application" }).click();

    await expect(page).toHaveURL(/\?applied=1#apply$/);
    await expect(page.getByText("Your application is with")).toBeVisible();
  });
});
