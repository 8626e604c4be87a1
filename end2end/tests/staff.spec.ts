import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { laterMonth, mailTo, pickDayAndTime, waitForHydration } from "./helpers";

// The staff area as staff use it: log in, see who is logged in, log out,
// and press back. ./dev test creates the admin with `backline staff create`
// and passes its email and password in STAFF_EMAIL and STAFF_PASSWORD.

const email = process.env.STAFF_EMAIL ?? "";
const password = process.env.STAFF_PASSWORD ?? "";

async function logIn(page: Page, as = email, with_ = password) {
  await page.goto("/staff/login");
  await page.getByLabel("Email").fill(as);
  await page.getByLabel("Password").fill(with_);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You are logged out.")).toBeVisible();
}

/// An admin makes a staff account with `first` as its password; answers
/// its page's URL.
async function createAccount(page: Page, who: string, first: string) {
  await page.goto("/staff/admin/accounts");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "New account" }) });
  await form.getByLabel("Email").fill(who);
  await form.getByLabel("Role").selectOption("staff");
  await form.getByLabel("First password", { exact: true }).fill(first);
  await form.getByLabel("First password, again").fill(first);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Account created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: who })).toBeVisible();
  return page.url();
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test("staff log in, see who they are, log out, and back shows no staff data", async ({ page }) => {
      expect(email, "STAFF_EMAIL is set").not.toBe("");
      await logIn(page);
      await expect(page).toHaveURL(/\/staff$/);
      await expect(page.getByText(`${email} · Admin`)).toBeVisible();

      await logOut(page);
      await page.goBack();

      await expect(page.getByRole("heading", { name: "Staff login" })).toBeVisible();
      await expect(page.getByText(email)).toHaveCount(0);
    });

    test("a wrong password keeps the email, says why, and logs nobody in", async ({ page }) => {
      await page.goto("/staff/login");
      await page.getByLabel("Email").fill("someone-else@example.com");
      await page.getByLabel("Password").fill("not the password at all");
      await page.getByRole("button", { name: "Log in" }).click();

      await expect(page.getByText("That email and password do not match an active staff account.").first()).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue("someone-else@example.com");
      await expect(page.getByLabel("Password")).toHaveValue("");
    });

    test("staff write a job, preview it, publish it, and it is found in public search", async ({ page }) => {
      const word = javaScript ? "Narwhal" : "Axolotl";
      const title = `${word} Queue Engineer`;
      const closes = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
      await logIn(page);
      await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Jobs" }).click();
      await page.getByRole("link", { name: "New job" }).click();

      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Company").selectOption({ index: 1 });
      await page.getByLabel("Place", { exact: true }).selectOption("Berlin");
      await page.getByLabel("Kind of work").selectOption("freelance");
      await page.getByLabel("Working time").selectOption("full_time");
      await page.getByLabel("Workplace", { exact: true }).selectOption("remote");
      await page.getByLabel("Seniority").selectOption("senior");
      await page.getByLabel("From", { exact: true }).fill("600");
      await page.getByLabel("To", { exact: true }).fill("500");
      await page.getByLabel("Currency").selectOption("EUR");
      await page.getByLabel("Per", { exact: true }).selectOption("day");
      await page.getByLabel("Skills, separated by commas").fill("Rust, PostgreSQL");
      await page.getByLabel("Closes on (UTC)").fill(closes);
      await page.getByLabel("Description (Markdown)").fill("## What you will do\n\nKeep **queues** moving.");
      await page.getByLabel("After applying").fill("We answer within five days.");
      await page.getByRole("button", { name: "Preview description" }).click();
      await expect(page.getByRole("heading", { name: "What you will do" })).toBeVisible();
      await expect(page.getByLabel("Title")).toHaveValue(title);

      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("The top of the range is below its bottom.")).toBeVisible();
      await expect(page.getByLabel("Skills, separated by commas")).toHaveValue("Rust, PostgreSQL");
      await page.getByLabel("To", { exact: true }).fill("800");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Draft saved.")).toBeVisible();
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await expect(page.getByText("Published: listed and searchable now.")).toBeVisible();

      await page.goto(`/jobs?q=${word.toLowerCase()}`);
      await page.getByRole("link", { name: title }).first().click();
      await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
      await expect(page.getByRole("heading", { name: "What you will do" })).toBeVisible();

      // A visitor applies; staff read it in the inbox and move it on.
      if (javaScript) await waitForHydration(page);
      const apply = page.locator(".apply__form");
      await apply.getByLabel("Your name").fill(`${word} Applicant`);
      await apply.getByLabel("Email").fill(`${word.toLowerCase()}-${Date.now()}@example.com`);
      await apply.getByLabel("Why this job fits you").fill("Ten years of queues, Rust and PostgreSQL.");
      await apply.getByRole("button", { name: "Send application" }).click();
      await expect(page.getByText("Your application is with").first()).toBeVisible();
      await page.goto("/staff/applications");
      await page.getByRole("link", { name: `${word} Applicant` }).first().click();
      await expect(page.getByText("Ten years of queues, Rust and PostgreSQL.")).toBeVisible();
      await page.getByLabel("Status").selectOption("interview");
      await page.getByLabel("Notes (staff only)").fill("Call on Monday.");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Saved.")).toBeVisible();
      await expect(page.getByLabel("Notes (staff only)")).toHaveValue("Call on Monday.");
    });

    test("an admin makes an account, its owner logs in and changes the password, the admin deactivates it", async ({ page }) => {
      const who = `new-${javaScript ? "js" : "nojs"}-${Date.now()}@example.com`;
      const first = "a first password 123";
      const chosen = "my own chosen phrase";
      await logIn(page);
      const account = await createAccount(page, who, first);
      await logOut(page);

      await logIn(page, who, first);
      await expect(page.getByText(`${who} · Staff`)).toBeVisible();
      await expect(page.getByRole("link", { name: "Accounts" }), "no admin section for staff").toHaveCount(0);
      await page.getByRole("link", { name: "Password" }).click();
      await page.getByLabel("Current password").fill(first);
      await page.getByLabel("New password", { exact: true }).fill(chosen);
      await page.getByLabel("New password, again").fill("not the same phrase");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("The two new passwords differ.")).toBeVisible();
      await page.getByLabel("Current password").fill(first);
      await page.getByLabel("New password", { exact: true }).fill(chosen);
      await page.getByLabel("New password, again").fill(chosen);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Your password is changed.")).toBeVisible();
      await logOut(page);

      await logIn(page);
      await page.goto(account);
      await page.getByRole("button", { name: "Deactivate account" }).click();
      await expect(page.getByText("Account deactivated.")).toBeVisible();
      await expect(page.getByText("Staff · Deactivated")).toBeVisible();
      await logOut(page);
      if (javaScript) {
        // Once: each refusal counts towards this address's lockout.
        await logIn(page, who, chosen);
        await expect(page.getByText("That email and password do not match an active staff account.").first()).toBeVisible();
      }
    });

    test("a visitor books; staff find the booking, write a note and cancel it; the visitor is emailed", async ({ page }) => {
      const visitor = `staff-cancel-${javaScript ? "on" : "off"}-${Date.now()}@example.com`;
      await page.goto("/book?tz=UTC");
      if (javaScript) await waitForHydration(page);
      // Days 9 and 10: no other test books on them (see booking.spec.ts).
      await pickDayAndTime(page, javaScript ? 9 : 10);
      await page.getByLabel("Your name").fill("Vera Visitor");
      await page.getByLabel("Email, for the confirmation").fill(visitor);
      await page.getByLabel(/may use these details/).check();
      await page.getByRole("button", { name: "Book the lesson" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();

      await logIn(page);
      await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Bookings" }).click();
      await page.getByLabel("Reference, name or email").fill(visitor);
      await page.getByRole("button", { name: "Search" }).click();
      const rows = page.getByRole("table", { name: /Bookings/ }).locator("tbody tr");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText("Vera Visitor");
      await rows.first().getByRole("link").click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Confirmed");

      await page.getByLabel("Notes (staff only)").fill("Asked about sqlx offline mode.");
      await page.getByRole("button", { name: "Save notes" }).click();
      await expect(page.getByText("Notes saved.")).toBeVisible();
      await expect(page.getByLabel("Notes (staff only)")).toHaveValue("Asked about sqlx offline mode.");
      await page.getByRole("button", { name: "Cancel and email the visitor" }).click();

      await expect(page.getByText("Cancelled. The visitor will be emailed within a minute.")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Cancelled");
      await expect(page.getByRole("button", { name: "Cancel and email the visitor" })).toHaveCount(0);
      const mail = await mailTo(visitor, "had to cancel");
      expect(mail).toContain("Subject: Your Backline demo lesson is cancelled");
    });
  });
}

/** The last day /book offers, as its link reads ("Friday 15 January"). */
async function lastBookableDay(page: Page): Promise<string> {
  await page.goto("/book?tz=UTC");
  while ((await page.locator("a.book__month-nav[data-key=later]").count()) > 0) await laterMonth(page);
  return (await page.locator(".book__days a").last().getAttribute("aria-label")) ?? "";
}

// One test, not one per JavaScript setting: it changes what every
// booking test sees. Only days past the last one offered are added, so
// the n-th day another test picks stays the same day.
test("staff let visitors book further ahead, a bad value is refused on its field, and /book offers the later days at once", async ({ page }) => {
  const before = await lastBookableDay(page);
  await logIn(page);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Availability" }).click();
  const settings = page.locator("form", { has: page.getByRole("heading", { name: "Settings" }) });
  const ahead = settings.getByLabel("Bookable ahead (days)");
  const stored = await ahead.inputValue();

  await ahead.fill("400");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Give a whole number from 1 to 365.")).toBeVisible();
  await expect(ahead).toHaveValue("400");

  await ahead.fill(String(Number(stored) + 21));
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved. The booking page offers the new times now.")).toBeVisible();
  try {
    const after = await lastBookableDay(page);
    expect(after).not.toBe("");
    expect(after).not.toBe(before);
  } finally {
    await page.goto("/staff/availability");
    await ahead.fill(stored);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved. The booking page offers the new times now.")).toBeVisible();
  }
  expect(await lastBookableDay(page)).toBe(before);
});

// Toronto: no other test reads its figures. Restored at the end.
test("staff change a place's median and the public estimate for it changes at once, with and without JavaScript", async ({ page, browser }) => {
  const median = () => page.locator("[data-median]").innerText();
  await page.goto("/salary?location=toronto&years=5");
  const before = await median();
  await logIn(page);
  await page.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Salary" }).click();
  await page.getByRole("link", { name: "Toronto, Canada" }).click();
  const field = page.getByLabel("Median", { exact: true });
  const stored = await field.inputValue();

  await field.fill("10");
  await page.getByRole("button", { name: "Save the figures" }).click();
  await expect(page.getByText("The median cannot be below the 25th percentile.")).toBeVisible();
  await expect(field).toHaveValue("10");

  await field.fill("111 500");
  await page.getByRole("button", { name: "Save the figures" }).click();
  await expect(page.getByText("Saved. The estimator uses it now.")).toBeVisible();
  try {
    await page.goto("/salary?location=toronto&years=5");
    await waitForHydration(page);
    expect(await median()).not.toBe(before);
    expect(await median()).toContain("112,000"); // 111,500, shown to the thousand
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await plain.newPage();
    await noJs.goto("/salary?location=toronto&years=5");
    await expect(noJs.locator("[data-median]")).toHaveText(await median());
    await plain.close();
  } finally {
    await page.goto("/staff/salary/places/toronto");
    await field.fill(stored);
    await page.getByRole("button", { name: "Save the figures" }).click();
    await expect(page.getByText("Saved. The estimator uses it now.")).toBeVisible();
  }
  await page.goto("/salary?location=toronto&years=5");
  expect(await median()).toBe(before);
});

for (const width of [1280, 360]) {
  test(`every back-office page, logged in, has no automatically detectable accessibility problems at ${width}px`, async ({ page }) => {
    // Sixteen pages, each checked by axe (1-2 s apiece on a 2-core CI machine): far past the default 30 s.
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    // A booking of its own to look at, on a day no other test books.
    await page.goto("/book?tz=UTC");
    await waitForHydration(page);
    await pickDayAndTime(page, width === 1280 ? 11 : 13);
    await page.getByLabel("Your name").fill("Axel Axe");
    await page.getByLabel("Email, for the confirmation").fill(`staff-axe-${width}-${Date.now()}@example.com`);
    await page.getByLabel(/may use these details/).check();
    await page.getByRole("button", { name: "Book the lesson" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
    await logIn(page);
    await expect(page.getByRole("heading", { name: "Recent activity" })).toBeVisible();
    await page.goto("/staff/admin/accounts");
    const own = await page.getByRole("link", { name: email }).getAttribute("href");
    await page.goto("/staff/jobs");
    const job = await page.getByRole("table", { name: "Jobs, newest first" }).getByRole("link").first().getAttribute("href");
    await page.goto("/staff/bookings?q=Axel+Axe");
    const booking = await page.getByRole("table", { name: /Bookings/ }).locator("tbody").getByRole("link").first().getAttribute("href");
    const pages = ["/staff", "/staff/password", "/staff/admin/accounts", own ?? "/staff/admin/accounts/1", "/staff/jobs", "/staff/jobs/new", job ?? "/staff/jobs/1", "/staff/applications", "/staff/outbox", "/staff/admin/audit", "/staff/bookings", booking ?? "/staff/bookings/1", "/staff/availability", "/staff/salary", "/staff/salary/places/berlin", "/staff/salary/sources/new"];

    for (const path of pages) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();

      expect(results.passes.length, `axe checked nothing on ${path}`).toBeGreaterThan(10);
      expect(results.violations.map((v) => `${path} ${v.id}: ${v.help}`)).toEqual([]);
    }
  });
}
