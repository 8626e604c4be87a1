import { expect, Locator, Page, test } from "@playwright/test";
import * as fs from "fs";
import { mailTo, monthWithDays, nthDay, pickDayAndTime, waitForHydration } from "./helpers";

// Booking a demo lesson, as people do it: with JavaScript (page and
// dialog), without it, by keyboard alone, and the confirmation email that
// reaches the test SMTP server (./dev test runs aiosmtpd into MAILDIR).
//
// Tests run in parallel against one server, so each books on its own day
// (the n-th day offered) and never races another for a slot.

const email = (label: string) => `book-${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

test("after a refused plain post, what was typed stays once the page is live, and when the zone changes", async ({ page }) => {
  await page.goto("/book?tz=UTC");
  await waitForHydration(page);
  await pickDayAndTime(page, 5);
  await page.getByLabel("Your name").fill("Asha Rao");
  await page.getByLabel("Email, for the confirmation").fill("not-an-email");
  // Sent as the browser sends it before the WASM runs: a plain POST.
  await page.locator("form.book__form").evaluate((form) => (form as HTMLFormElement).submit());
  await waitForHydration(page);
  const name = page.getByLabel("Your name");
  await expect(page.getByLabel("Email, for the confirmation")).toHaveValue("not-an-email");
  await expect(name).toHaveValue("Asha Rao");

  const picked = await page.locator(".book__slot input:checked").inputValue();
  const times = page.waitForResponse((response) => response.url().includes("/book?tz=Europe%2FLondon"));
  await page.getByLabel("Times are shown in").selectOption("Europe/London");
  await times;

  await expect(page).toHaveURL(/tz=Europe%2FLondon/);
  await expect(page.locator("#book-times-hint")).toContainText("Times in Europe/London");
  // The same time, now shown in London's clock, is still the one chosen.
  await expect(page.locator(".book__slot input:checked")).toHaveValue(picked);
  await expect(name).toHaveValue("Asha Rao");
  await expect(page.getByLabel("Email, for the confirmation")).toHaveValue("not-an-email");
});

test.describe("with JavaScript, in the visitor's own time zone", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("books a slot, shows the confirmation, downloads the .ics, emails the manage link, which cancels", async ({ page }) => {
    await page.goto("/book");
    await waitForHydration(page);
    // Chromium names the zone Asia/Calcutta; the page shows its current name.
    await expect(page).toHaveURL(/tz=Asia%2F(Kolkata|Calcutta)/);
    await expect(page.getByLabel("Times are shown in")).toHaveValue("Asia/Kolkata");
    await expect(page.locator("#book-times-hint")).toContainText("Times in Asia/Kolkata");
    const { time } = await pickDayAndTime(page, 1);
    const address = email("js");
    await page.getByLabel("Your name").fill("Asha Rao");
    await page.getByLabel("Email, for the confirmation").fill(address);
    await page.getByLabel(/may use these details/).check();

    await page.getByRole("button", { name: "Book the lesson" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
    const reference = await page.locator("[data-reference]").innerText();
    expect(reference).toMatch(/^BL-[0-9A-Z]{4}$/);
    await expect(page.locator(".booking__when")).toContainText(`, ${time}–`);
    await expect(page.locator(".booking__when")).toContainText("(Asia/Kolkata)");
    await expect(page.locator(".booking__utc")).toContainText(" UTC");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Add to calendar (.ics)" }).click(),
    ]);
    const ics = fs.readFileSync((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(ics).toContain(`UID:${reference}@`);

    const mail = await mailTo(address);
    expect(mail).toContain(`(${reference})`);
    const link = mail.match(/http:\/\/\S+\/booking\/[0-9a-f]{32}/)?.[0];
    expect(link, "a manage link in the email").toBeTruthy();

    await page.goto(link!);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Cancel the lesson" }).click();
    await expect(page.getByText("Cancel this lesson?")).toBeVisible();
    await expect(page.locator(".booking__status")).toHaveText("Confirmed");
    await page.getByRole("button", { name: "Yes, cancel the lesson" }).click();

    await expect(page.getByRole("status")).toContainText("Your lesson is cancelled");
    await expect(page.locator(".booking__status")).toHaveText("Cancelled");
    await expect(page.getByRole("link", { name: "Cancel the lesson" })).toHaveCount(0);
  });

  test("mistakes are shown beside their fields as you go, and nothing typed is lost", async ({ page }) => {
    await page.goto("/book?tz=Europe/London");
    await waitForHydration(page);
    await pickDayAndTime(page, 2);
    await page.getByLabel("Your name").fill("Asha Rao");
    await page.getByLabel("Email, for the confirmation").fill("asha-at-example");
    await page.getByLabel(/^Phone/).fill("020 7946 0958");
    await page.getByLabel(/^Phone/).blur();
    await expect(page.locator("#book-email-error")).toContainText("not an email address");
    await expect(page.locator("#book-phone-error")).toContainText("international phone number");
    await page.getByLabel("What would you like to learn?").fill("Rust and Postgres");

    await page.getByRole("button", { name: "Book the lesson" }).click();

    await expect(page.locator("#book-consent-error")).toContainText("agree");
    await expect(page.getByLabel("Your name")).toHaveValue("Asha Rao");
    await expect(page.getByLabel("What would you like to learn?")).toHaveValue("Rust and Postgres");
    await expect(page.locator(".book__slot input:checked")).toHaveCount(1);

    await page.getByLabel("Email, for the confirmation").fill(email("fixed"));
    await page.getByLabel(/^Phone/).fill("+44 20 7946 0958");
    await page.getByLabel(/may use these details/).check();
    await page.getByRole("button", { name: "Book the lesson" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
    await expect(page.locator(".your-data__fields")).toContainText("+442079460958");
  });
});

test("changing the time zone keeps the selector focused and everything typed", async ({ page }) => {
  await page.goto("/book?tz=UTC");
  await waitForHydration(page);
  await pickDayAndTime(page, 2);
  await page.getByLabel("Your name").fill("Zo Ne");
  await page.getByLabel("What would you like to learn?").fill("Time zones");
  const zone = page.getByLabel("Times are shown in");

  await zone.focus();
  await zone.selectOption("Asia/Tokyo");

  await expect(page).toHaveURL(/tz=Asia%2FTokyo/);
  await expect(page.locator("#book-times-hint")).toContainText("Times in Asia/Tokyo");
  await expect(zone).toBeFocused();
  await expect(page.getByLabel("Your name")).toHaveValue("Zo Ne");
  await expect(page.getByLabel("What would you like to learn?")).toHaveValue("Time zones");
});

test("picking a day moves on to its times, and back shows the day before", async ({ page }) => {
  await page.goto("/book?tz=Europe/Berlin");
  await waitForHydration(page);
  await monthWithDays(page, 4);
  const days = page.locator(".book__days a");
  const [first, second] = [await days.nth(1).getAttribute("data-day"), await days.nth(3).getAttribute("data-day")];
  await days.nth(1).click();
  await expect(page.locator("#book-times")).toBeFocused();
  await days.nth(3).click();
  await expect(page.locator(".book__days a[aria-current]")).toHaveAttribute("data-day", second!);
  await expect(page).toHaveURL(new RegExp(`day=${second}`));

  await page.goBack();

  await expect(page.locator(".book__days a[aria-current]")).toHaveAttribute("data-day", first!);
  await expect(page.locator(".book__days a[aria-current]")).toHaveCount(1);
});

for (const javaScriptEnabled of [true, false]) {
  test(`the month's arrows show the months with free days, and each day says how many times it has (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/book?tz=UTC");
    if (javaScriptEnabled) await waitForHydration(page);
    const month = page.locator("#book-month");
    const first = await month.innerText();
    await expect(page.locator("span.book__month-nav")).toHaveText("‹");
    const later = page.getByRole("link", { name: /^Later month: / });
    const next = (await later.getAttribute("aria-label"))!.replace("Later month: ", "");

    await later.click();

    await expect(month).toHaveText(next);
    const chosen = page.locator(".book__days a[aria-current]");
    await expect(chosen).toHaveAttribute("aria-label", /^\w+day \d+ \w+(, today)?: \d+ free times?$/);
    const label = (await chosen.getAttribute("aria-label"))!.split(":")[0].replace(", today", "");
    await expect(page.locator(".book__times legend")).toContainText(label);
    // Focus stays on the arrow pressed, or the month's name when it has no further month.
    if (javaScriptEnabled) {
      const focused = page.locator("a.book__month-nav[data-key=later]:focus, #book-month:focus");
      await expect(focused).toHaveCount(1);
    }
    await page.getByRole("link", { name: `Earlier month: ${first}` }).click();
    await expect(month).toHaveText(first);
    await context.close();
  });
}

test("times at night where the visitor is are marked, and said to be", async ({ page }) => {
  await page.goto("/book?tz=Pacific/Auckland");
  await waitForHydration(page);
  // Lessons are in European working hours: in Auckland some fall at night.
  let night = 0;
  for (let n = 0; n < 5 && night === 0; n++) {
    await (await nthDay(page, n)).click();
    await expect(page.locator(".book__days a[aria-current]")).toHaveCount(1);
    night = await page.locator(".book__slot--night").count();
  }
  expect(night, "a night time within the first five days").toBeGreaterThan(0);
  const marked = page.locator(".book__slot--night").first();
  await expect(marked).toContainText("night");
  const hour = parseInt(await marked.locator(".book__slot-time").innerText(), 10);
  expect(hour < 7 || hour >= 22, `${hour}`).toBe(true);
  await expect(page.locator("#book-times-hint")).toContainText("Times marked night start before 07:00 or from 22:00 on");
  for (const time of await page.locator(".book__slot:not(.book__slot--night) .book__slot-time").allInnerTexts()) {
    const h = parseInt(time, 10);
    expect(h >= 7 && h < 22, time).toBe(true);
  }
});

test.describe("the dialog", () => {
  test("a keyboard alone opens it, moves through it, books, and Esc returns focus to the button", async ({ page }) => {
    await page.goto("/guide");
    await waitForHydration(page);
    const button = page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" });
    await button.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Book a demo lesson" });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator(".book__days a").first()).toBeVisible();

    // Focus stays inside however far you tab, both ways.
    for (let i = 0; i < 45; i++) {
      await page.keyboard.press(i < 30 ? "Tab" : "Shift+Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest("dialog")), `tab ${i}`).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(dialog.locator(".book__days a").first()).toBeVisible();
    const tabTo = async (target: Locator) => {
      for (let i = 0; i < 80; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error("could not reach it with Tab");
    };
    while ((await dialog.locator(".book__days a").count()) < 4) {
      const month = await dialog.locator("#book-month").innerText();
      await tabTo(dialog.locator("a.book__month-nav[data-key=later]"));
      await page.keyboard.press("Enter");
      await expect(dialog.locator("#book-month")).not.toHaveText(month);
    }
    await tabTo(dialog.locator(".book__days a").nth(3));
    await page.keyboard.press("Enter");
    await tabTo(dialog.locator(".book__slot input").first());
    await page.keyboard.press("Space");
    await expect(dialog.locator(".book__slot input").first()).toBeChecked();
    await tabTo(dialog.getByLabel("Your name"));
    await page.keyboard.type("Kai Keyboard");
    await tabTo(dialog.getByLabel("Email, for the confirmation"));
    await page.keyboard.type(email("keys"));
    await tabTo(dialog.getByLabel(/may use these details/));
    await page.keyboard.press("Space");
    await tabTo(dialog.getByRole("button", { name: "Book the lesson" }));
    await page.keyboard.press("Enter");

    await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
    await expect(dialog).toBeHidden();
  });
});

test.describe("the dialog's steps", () => {
  test("picking a day in the dialog leaves the page's address alone, and what was typed is still there after closing and opening it again", async ({ page }) => {
    await page.goto("/guide");
    await waitForHydration(page);
    const button = page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" });
    await button.click();
    const dialog = page.getByRole("dialog", { name: "Book a demo lesson" });
    await monthWithDays(dialog, 3);
    await dialog.locator(".book__days a").nth(2).click();
    await expect(dialog.locator(".book__days a").nth(2)).toHaveAttribute("aria-current", /.+/);
    await dialog.getByLabel("Your name").fill("Dia Log");

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL("/guide");
    await button.click();

    await expect(dialog.getByLabel("Your name")).toHaveValue("Dia Log");
    await expect(dialog.locator(".book__days a").nth(2)).toHaveAttribute("aria-current", /.+/);
  });

  test("a day clicked before the steps' code has arrived is still picked in the dialog", async ({ page }) => {
    await page.goto("/guide");
    await waitForHydration(page);
    // The steps' code arrives a second late, as on a slow connection.
    await page.route(/split_book_steps/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" }).click();
    const dialog = page.getByRole("dialog", { name: "Book a demo lesson" });
    await monthWithDays(dialog, 2);
    const day = dialog.locator(".book__days a").nth(1);
    const date = await day.getAttribute("data-day");

    await day.click();

    await expect(dialog.locator(".book__days a[aria-current]")).toHaveAttribute("data-day", date!);
    await expect(page).toHaveURL("/guide");
  });

  test("when the free times cannot be loaded the dialog says so and links to the booking page, and the next opening tries again", async ({ page }) => {
    await page.goto("/jobs");
    await waitForHydration(page);
    await page.route(/\/book\?/, (route) => route.abort("internetdisconnected"));
    const button = page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" });
    await button.click();
    const dialog = page.getByRole("dialog", { name: "Book a demo lesson" });

    await expect(dialog.getByRole("alert")).toContainText("could not be loaded");
    await expect(dialog.getByRole("link", { name: "open the booking page" })).toHaveAttribute("href", "/book");

    await page.unroute(/\/book\?/);
    await page.keyboard.press("Escape");
    await button.click();
    await expect(dialog.locator(".book__days a").first()).toBeVisible();
    await expect(dialog.getByRole("alert")).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same flow works through plain forms: a refusal keeps what was typed, then the booking, then cancelling", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Book a demo lesson" }).click();
    await expect(page).toHaveURL("/book");
    await expect(page.getByLabel("Times are shown in")).toHaveValue("UTC");
    await page.getByLabel("Times are shown in").selectOption("America/New_York");
    await page.getByRole("button", { name: "Show times" }).click();
    await expect(page.locator("#book-times-hint")).toContainText("Times in America/New York");
    await pickDayAndTime(page, 4);
    await page.getByLabel("Your name").fill("Noa Script");
    await page.getByLabel("Email, for the confirmation").fill("noa@");

    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Book the lesson" }).click();
    expect((await refused).status()).toBe(422);

    await expect(page.locator("#book-email-error")).toContainText("not an email address");
    await expect(page.locator("#book-consent-error")).toContainText("agree");
    await expect(page.getByLabel("Your name")).toHaveValue("Noa Script");
    await expect(page.getByLabel("Email, for the confirmation")).toHaveValue("noa@");
    await expect(page.locator(".book__slot input:checked")).toHaveCount(1);

    await page.getByLabel("Email, for the confirmation").fill(email("nojs"));
    await page.getByLabel(/may use these details/).check();
    await page.getByRole("button", { name: "Book the lesson" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Your demo lesson is booked" })).toBeVisible();
    await expect(page.locator(".booking__when")).toContainText("(America/New York)");
    await page.getByRole("link", { name: "Cancel the lesson" }).click();
    await page.getByRole("link", { name: "Keep my lesson" }).click();
    await expect(page.getByText("Cancel this lesson?")).toHaveCount(0);
    await page.getByRole("link", { name: "Cancel the lesson" }).click();
    await page.getByRole("button", { name: "Yes, cancel the lesson" }).click();
    await expect(page.getByRole("status")).toContainText("Your lesson is cancelled");
  });

  test("moving the lesson to another time, from the booking's own page", async ({ page }) => {
    await page.goto("/book?tz=UTC");
    await pickDayAndTime(page, 7);
    await page.getByLabel("Your name").fill("Mo Ving");
    await page.getByLabel("Email, for the confirmation").fill(email("move"));
    await page.getByLabel(/may use these details/).check();
    await page.getByRole("button", { name: "Book the lesson" }).click();
    const before = await page.locator(".booking__when").innerText();

    await page.getByRole("link", { name: "Show free times" }).click();
    const { label, time } = await pickDayAndTime(page.locator(".booking__move"), 8);
    await page.getByRole("button", { name: "Move my lesson to this time" }).click();

    await expect(page.getByRole("status")).toContainText("Your lesson has a new time");
    const after = await page.locator(".booking__when").innerText();
    expect(after).not.toEqual(before);
    expect(after).toContain(label);
    expect(after).toContain(`${time}–`);
    await expect(page.locator(".your-data__emails, .your-data")).toContainText("New time");
  });

  test("erasing your data asks for confirmation, then leaves no name or email on the page", async ({ page }) => {
    await page.goto("/book?tz=UTC");
    await pickDayAndTime(page, 5);
    await page.getByLabel("Your name").fill("Eri Sure");
    const address = email("erase");
    await page.getByLabel("Email, for the confirmation").fill(address);
    await page.getByLabel(/may use these details/).check();
    await page.getByRole("button", { name: "Book the lesson" }).click();
    await expect(page.locator(".your-data__fields")).toContainText(address);

    await page.getByLabel(/erasing cancels a lesson/).check();
    await page.getByRole("button", { name: "Erase my data" }).click();

    await expect(page.getByRole("status")).toContainText("Your personal details are erased");
    await expect(page.locator(".your-data__fields")).not.toContainText(address);
    await expect(page.locator(".your-data__fields")).not.toContainText("Eri Sure");
    await expect(page.locator(".booking__status")).toHaveText("Cancelled");
  });
});

/** A small seeded generator, so the cases below are the same on every run. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("the browser build and the server build give the same message for each mistake", async ({ browser }) => {
  test.setTimeout(120_000);
  const random = seeded(2026);
  const pick = <T,>(values: T[]) => values[Math.floor(random() * values.length)];
  const names = ["", " ", "Asha Rao", "x".repeat(101), "a".repeat(100), "Zoë O’Brien", "李小龙", "\t"];
  const emails = ["", "asha@", "a b@example.com", "asha@example.com", "a@@b.example", "a@b", " asha@example.com ", "ü@例え.jp", `${"x".repeat(70)}@example.com`];
  const phones = ["", "+44 20 7946 0958", "020 7946 0958", "+12", "+1 (555) 010-9999", "+0 123 456 789", "+1234567890123456", "++44 20", "+44-20-7946-0958 ext 2"];
  const topics = ["", "Rust", "x".repeat(1000), "  line one\nline two  "];
  // Each case leaves out the consent or the time, so none of them books.
  const cases = Array.from({ length: 10 }, (_, i) => ({
    name: pick(names),
    email: pick(emails),
    phone: pick(phones),
    topic: pick(topics),
    consent: i % 2 === 0,
    slot: i % 2 === 1 && random() < 0.5,
  }));
  const fields = ["slot", "name", "email", "phone", "topic", "consent"];
  const messages = async (javaScriptEnabled: boolean, input: (typeof cases)[number]) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto("/book?tz=UTC");
    if (javaScriptEnabled) await waitForHydration(page);
    if (input.slot) await pickDayAndTime(page, 6);
    await page.getByLabel("Your name").fill(input.name);
    await page.getByLabel("Email, for the confirmation").fill(input.email);
    await page.getByLabel(/^Phone/).fill(input.phone);
    await page.getByLabel("What would you like to learn?").fill(input.topic);
    if (input.consent) await page.getByLabel(/may use these details/).check();
    await page.getByRole("button", { name: "Book the lesson" }).click();
    await expect(page.locator(".notice--error")).toBeVisible();
    const shown: Record<string, string> = {};
    for (const field of fields) shown[field] = (await page.locator(`#book-${field}-error`).textContent()) ?? "";
    await context.close();
    return shown;
  };
  for (const input of cases) {
    const inTheBrowser = await messages(true, input);
    const fromTheServer = await messages(false, input);
    expect(Object.values(inTheBrowser).some(Boolean), JSON.stringify(input)).toBe(true);
    expect(inTheBrowser, JSON.stringify(input)).toEqual(fromTheServer);
  }
});
