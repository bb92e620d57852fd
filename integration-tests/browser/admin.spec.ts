// The admin in a real browser (Debian's chromium driven by playwright-core): every Retention page
// and widget opens at desktop and phone width without a console error or a failed request of the
// plugin, and the merchant's everyday tasks can be done with the mouse and keyboard. Screenshots
// of every page go to .browser-test/screenshots/ (RETENTION_UPDATE_SCREENSHOTS=1 also refreshes
// the README's, under docs/screenshots/).
import fs from "fs"
import path from "path"
import { type Browser, chromium, type Page } from "playwright-core"
import { ADMIN, type BrowserStore, shotsDir, startStore } from "./store"

jest.setTimeout(180_000)

const CHROMIUM = process.env.RETENTION_CHROMIUM || "/usr/bin/chromium"
const README_SHOTS = path.join(__dirname, "..", "..", "docs", "screenshots")
const DESKTOP = { width: 1440, height: 900 }
const PHONE = { width: 390, height: 844 }
/** The screenshots the README shows. */
const README_PAGES = ["overview-desktop", "flows-desktop", "campaign-desktop", "loyalty-desktop", "nps-desktop", "consent-desktop", "campaign-preview-tr-phone"]

let store: BrowserStore
let browser: Browser
let token: string
const problems: string[] = []

/** The plugin's own routes: a failure there is ours; Medusa's and the internet's are not. */
const ours = (url: string) => /\/(admin|store)\/retention\b/.test(new URL(url).pathname)

function watch(page: Page) {
  page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`))
  page.on("console", (m) => {
    if (m.type() !== "error") return
    // "Failed to load resource" names the resource: judged by the request handlers below
    // (the demo's product images live on a host this machine cannot reach).
    if (m.text().startsWith("Failed to load resource")) return
    problems.push(`console error on ${page.url()}: ${m.text()}`)
  })
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: a navigation cancelled what the previous page still had in flight.
    if (ours(r.url()) && r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`)
  })
  page.on("response", (r) => {
    if (ours(r.url()) && r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`)
  })
}

async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: "en-US", timezoneId: "Europe/Istanbul" })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  watch(page)
  await page.goto(`${store.base}/app/login`)
  await page.fill('input[name="email"]', ADMIN.email)
  await page.fill('input[name="password"]', ADMIN.password)
  await page.click('button[type="submit"]')
  await page.waitForURL((u) => !u.pathname.includes("/login"))
  return page
}

/** The admin API as the lane's own check of what the browser did. */
async function api<T = any>(route: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${store.base}${route}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${route}: HTTP ${res.status} ${await res.text()}`)
  return res.json() as Promise<T>
}

/** Opens a route of the admin and waits for its data: no request in flight, a heading shown. */
async function open(page: Page, route: string) {
  try {
    await page.goto(`${store.base}/app${route}`)
    await page.waitForLoadState("networkidle")
    // Every page has its title as the one h1, as Medusa's own pages do.
    await page.locator("main h1").first().waitFor()
  } catch (e) {
    throw new Error(`opening ${route}: ${(e as Error).message}\n(server log: ${store.logFile})`)
  }
  await expectNoCrash(page)
  if (route.startsWith("/retention")) expect({ route, h1: await page.locator("main h1").count() }).toEqual({ route, h1: 1 })
}

async function expectNoCrash(page: Page) {
  const body = await page.locator("body").innerText()
  expect(body).not.toMatch(/Something went wrong|An error occurred|Unexpected Application Error/i)
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true })
}

/** Each test ends with no console error and no failed request of the plugin. */
function expectNoProblems() {
  const found = problems.splice(0)
  expect(found).toEqual([])
}


/** Clicks the confirm button of Medusa's prompt dialog. */
async function confirm(page: Page, label: string) {
  const dialog = page.getByRole("alertdialog")
  await dialog.waitFor()
  await dialog.getByRole("button", { name: label, exact: true }).click()
  await dialog.waitFor({ state: "detached" })
}

async function toast(page: Page, text: string | RegExp) {
  await page.locator("[data-sonner-toast]").filter({ hasText: text }).first().waitFor()
}

const hasChromium = fs.existsSync(CHROMIUM)
const describeIfChromium = hasChromium ? describe : describe.skip
if (!hasChromium) {
  console.warn(`\n!!! SKIPPED the browser lane: no chromium at ${CHROMIUM} (apt-get install chromium, or set RETENTION_CHROMIUM).\n`)
}

describeIfChromium("the admin in a real browser", () => {
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    // RETENTION_BROWSER_BASE: drive a store that is already running (while writing these tests).
    store = process.env.RETENTION_BROWSER_BASE
      ? { base: process.env.RETENTION_BROWSER_BASE, databaseUrl: "", outboxDir: "", logFile: "", stop: async () => {} }
      : await startStore()
    fs.mkdirSync(shotsDir, { recursive: true })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    })
    const auth = await fetch(`${store.base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    }).then((r) => r.json() as Promise<{ token: string }>)
    token = auth.token
    ids.campaign = (await api("/admin/retention/cart-recovery/campaigns")).campaigns[0].id
    ids.flow = ((await api("/admin/retention/flows")).flows as { id: string; name: string }[]).find((f) => f.name === "Welcome series")!.id
    ids.subscription = (await api("/admin/retention/subscriptions?limit=1")).subscriptions[0].id
    const member = (await api("/admin/retention/loyalty/members?limit=1")).members[0]
    ids.member = member.customer_id
    ids.order = (await api("/admin/orders?limit=1&fields=id")).orders[0].id
    ids.product = (await api("/admin/products?limit=1&fields=id")).products[0].id
  }, 900_000)

  afterAll(async () => {
    await browser?.close()
    await store?.stop()
    if (process.env.RETENTION_UPDATE_SCREENSHOTS === "1") {
      fs.mkdirSync(README_SHOTS, { recursive: true })
      for (const name of README_PAGES) fs.copyFileSync(path.join(shotsDir, `${name}.png`), path.join(README_SHOTS, `${name}.png`))
    }
  })

  const pages = () => [
    { name: "overview", route: "/retention", text: /Recovered carts/ },
    { name: "campaigns", route: "/retention/campaigns", text: /Abandoned-cart campaigns/ },
    { name: "campaign", route: `/retention/campaigns/${ids.campaign}`, text: /Abandoned cart \(default\)/ },
    { name: "flows", route: "/retention/flows", text: /Win-back/ },
    { name: "flow", route: `/retention/flows/${ids.flow}`, text: /Welcome series/ },
    { name: "customers", route: "/retention/customers", text: /Repeat/ },
    { name: "subscriptions", route: "/retention/subscriptions", text: /Subscriptions/ },
    { name: "subscription", route: `/retention/subscriptions/${ids.subscription}`, text: /Renewals|Next renewal/i },
    { name: "loyalty", route: "/retention/loyalty", text: /Loyalty/ },
    { name: "loyalty-member", route: `/retention/loyalty/members/${ids.member}`, text: /Available/ },
    { name: "loyalty-settings", route: "/retention/loyalty/settings", text: /Loyalty settings/ },
    { name: "nps", route: "/retention/nps", text: /NPS/ },
    { name: "messages", route: "/retention/messages", text: /Messages/ },
    { name: "templates", route: "/retention/templates", text: /Templates/ },
    { name: "consent", route: "/retention/consent", text: /Consent/ },
    { name: "settings", route: "/retention/settings", text: /Brand and sender/ },
  ]

  it("opens every Retention page at desktop width, with its figures, in the sidebar's order", async () => {
    const page = await newPage()
    for (const p of pages()) {
      await open(page, p.route)
      await page.locator("main").getByText(p.text).first().waitFor()
      // At desktop width nothing is cut off: no table scrolls sideways inside its own box either.
      const clipped: string[] = await page.evaluate(`[...document.querySelectorAll("main *")]
        .filter((e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.tagName.toLowerCase() + ": " + (e.textContent || "").slice(0, 40))`)
      expect({ page: p.name, clipped }).toEqual({ page: p.name, clipped: [] })
      await shot(page, `${p.name}-desktop`)
    }
    // The Retention menu in the order a merchant uses it.
    await open(page, "/retention")
    const nav = await page.locator("nav a[href*='/retention/']").allInnerTexts()
    const order = ["Campaigns", "Flows", "Customers", "Subscriptions", "Loyalty", "NPS", "Messages", "Templates", "Consent", "Settings"]
    const positions = order.map((label) => nav.findIndex((t) => t.trim() === label))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    await page.context().close()
    expectNoProblems()
  })

  it("opens every Retention page at phone width without the page scrolling sideways", async () => {
    const page = await newPage(PHONE)
    for (const p of pages()) {
      await open(page, p.route)
      // Wide tables scroll inside their own box; the page itself stays within the screen.
      const overflow: number = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
      expect({ page: p.name, overflow: Math.max(0, overflow) }).toEqual({ page: p.name, overflow: 0 })
      await shot(page, `${p.name}-phone`)
    }
    await page.context().close()
    expectNoProblems()
  })

  it("shows the plugin's widgets on a customer, an order and a product", async () => {
    const page = await newPage()
    await open(page, `/customers/${ids.member}`)
    for (const heading of [/Loyalty/, /Abandoned carts/, /NPS/, /Subscriptions/]) {
      await page.getByRole("heading", { name: heading }).first().waitFor()
    }
    await shot(page, "widget-customer")
    await open(page, `/orders/${ids.order}`)
    await page.getByText(/NPS/).first().waitFor()
    await shot(page, "widget-order")
    await open(page, `/products/${ids.product}`)
    await page.getByText(/Replenish|Subscri/).first().waitFor()
    await shot(page, "widget-product")
    await page.context().close()
    expectNoProblems()
  })

  it("creates a two-step campaign with a discount and a region from the pickers, then pauses and activates it", async () => {
    const page = await newPage()
    await open(page, "/retention/campaigns")
    await page.getByRole("button", { name: "New campaign" }).click()
    // By name: a picker's popover is a dialog too, and may still be in the page while it closes.
    const drawer = page.getByRole("dialog", { name: "New campaign" })
    await drawer.getByLabel("Name", { exact: true }).fill("Browser lane: two steps")
    const stepCount = await drawer.getByRole("heading", { name: /^Step \d+$/ }).count()
    for (let i = stepCount; i < 2; i++) await drawer.getByRole("button", { name: "Add step" }).click()
    const step2 = drawer.locator("div.rounded-md").filter({ has: page.getByRole("heading", { name: "Step 2", exact: true }) })
    if (!(await step2.getByRole("switch").isChecked())) await step2.getByRole("switch").click()
    await step2.getByLabel("Percent").fill("15")
    await drawer.getByRole("button", { name: "Regions" }).click()
    await page.getByPlaceholder("Search regions").fill("Europe")
    await page.getByRole("checkbox").first().click()
    await page.keyboard.press("Escape")
    await drawer.getByRole("button", { name: "Save" }).click()
    await drawer.waitFor({ state: "detached" })
    await toast(page, /saved|created/i)

    const created = (await api("/admin/retention/cart-recovery/campaigns")).campaigns.find((c: any) => c.name === "Browser lane: two steps")
    expect(created.steps).toHaveLength(2)
    expect(created.steps[1].discount).toMatchObject({ type: "percentage", value: 15 })
    expect(created.filters.region_ids).toHaveLength(1)

    const row = page.getByRole("row").filter({ hasText: "Browser lane: two steps" })
    const before = created.status
    const action = before === "active" ? "Pause" : "Activate"
    await row.getByRole("button", { name: action }).click()
    await confirm(page, action)
    await toast(page, new RegExp(action === "Pause" ? "paused" : "activ", "i"))
    const other = action === "Pause" ? "Activate" : "Pause"
    await row.getByRole("button", { name: other }).click()
    await confirm(page, other)
    await toast(page, new RegExp(other === "Pause" ? "paused" : "activ", "i"))
    // A new campaign is a draft: activated, then paused, it ends paused; an active one ends active.
    const after = (await api(`/admin/retention/cart-recovery/campaigns/${created.id}`)).campaign
    expect(after.status).toBe(before === "active" ? "active" : "paused")
    await page.context().close()
    expectNoProblems()
  })

  it("previews a campaign step in Turkish at mobile width, on a phone", async () => {
    const page = await newPage(PHONE)
    await open(page, `/retention/campaigns/${ids.campaign}`)
    await page.getByRole("button", { name: "Edit", exact: true }).click()
    const drawer = page.getByRole("dialog")
    const step1 = drawer.locator("div.rounded-md").filter({ has: page.getByRole("heading", { name: "Step 1", exact: true }) })
    await step1.getByRole("button", { name: "Preview", exact: true }).click()
    const frame = step1.locator("iframe")
    await frame.waitFor()
    const english = await frame.getAttribute("srcdoc")
    expect(english).toContain('lang="en"')

    await step1.getByRole("combobox", { name: "Preview language" }).click()
    await page.getByRole("option", { name: "Türkçe" }).click()
    await step1.getByRole("radiogroup", { name: "Preview width" }).getByRole("radio", { name: "Mobile" }).click()
    // The frame re-renders in Turkish: the document's language and its words change.
    await page.waitForFunction(
      (el: any) => el?.getAttribute("srcdoc")?.includes('lang="tr"') ?? false,
      await frame.elementHandle(),
    )
    const turkish = (await frame.getAttribute("srcdoc"))!
    expect(turkish).not.toEqual(english)
    const box = await frame.boundingBox()
    expect(Math.round(box!.width)).toBe(375)
    const overflow: number = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    expect(Math.max(0, overflow)).toBe(0)
    await shot(page, "campaign-preview-tr-phone")
    await page.context().close()
    expectNoProblems()
  })

  it("edits a template's wording as a field, sees it saved, and resets it", async () => {
    const page = await newPage()
    // The templates' old address (under Messages) still opens the chosen template.
    await open(page, "/retention/messages/templates?template=cart-reminder")
    await page.waitForURL(/\/retention\/templates\?template=cart-reminder$/)
    const field = page.locator("[id^='template-string-']").first()
    await field.waitFor()
    await field.fill("Your basket misses you (browser lane)")
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await page.getByText(/Edited · version 1/).waitFor()
    const saved = await api("/admin/retention/templates/cart-reminder?locale=en")
    expect(Object.values(saved.override.strings)).toContain("Your basket misses you (browser lane)")
    await shot(page, "template-edited")

    await page.getByRole("button", { name: "Reset to default" }).click()
    await confirm(page, "Reset")
    await page.getByText("Shipped default").waitFor()
    expect((await api("/admin/retention/templates/cart-reminder?locale=en")).override).toBeNull()
    await page.context().close()
    expectNoProblems()
  })

  it("changes a loyalty setting and adjusts a member's points", async () => {
    const page = await newPage()
    await open(page, "/retention/loyalty/settings")
    const before = (await api("/admin/retention/loyalty/settings")).settings.signupBonus
    await page.locator("#loyalty-signupBonus").fill(String(before + 25))
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await toast(page, /saved/i)
    expect((await api("/admin/retention/loyalty/settings")).settings.signupBonus).toBe(before + 25)

    const member = async () => (await api(`/admin/retention/loyalty/members?limit=100`)).members.find((m: any) => m.customer_id === ids.member)
    const balance = (await member()).available
    await open(page, `/retention/loyalty/members/${ids.member}`)
    await page.locator(`#loyalty-adjust-points-${ids.member}`).fill("40")
    await page.locator(`#loyalty-adjust-note-${ids.member}`).fill("Browser lane goodwill")
    await page.getByRole("button", { name: "Adjust", exact: true }).click()
    await toast(page, /40/)
    expect((await member()).available).toBe(balance + 40)
    await page.context().close()
    expectNoProblems()
  })

  it("filters NPS answers to those with a comment, kept in the URL", async () => {
    const page = await newPage()
    await open(page, "/retention/nps")
    await page.getByRole("combobox", { name: "Comment" }).click()
    await page.getByRole("option", { name: "With a comment" }).click()
    await page.waitForURL(/with_comment=true/)
    await page.waitForLoadState("networkidle")
    const rows = page.locator("table tbody tr")
    await rows.first().waitFor()
    const cells = await rows.allInnerTexts()
    expect(cells.length).toBeGreaterThan(0)
    // A reload opens the same filtered view.
    await page.reload()
    await page.waitForLoadState("networkidle")
    await expect(page.getByRole("combobox", { name: "Comment" }).innerText()).resolves.toMatch(/With a comment/)
    await shot(page, "nps-with-comment")
    await page.context().close()
    expectNoProblems()
  })

  it("blocks an address and lifts the block with a reason, both recorded", async () => {
    const page = await newPage()
    await open(page, "/retention/consent")
    const email = "browser-lane@example.com"
    await page.locator("#block-email").fill(email)
    await page.locator("#block-note").fill("asked by phone")
    await page.getByRole("button", { name: "Block", exact: true }).click()
    // The suppression's row (the consent log below lists the change too).
    const row = page.getByRole("row").filter({ hasText: email }).filter({ has: page.getByRole("button", { name: "Lift" }) })
    await row.waitFor()
    expect((await api(`/admin/retention/consent/suppressions?q=${encodeURIComponent(email)}`)).suppressions).toHaveLength(1)
    await row.getByRole("button", { name: "Lift" }).click()
    await row.getByLabel("Reason for lifting").fill("address confirmed by the customer")
    await row.getByRole("button", { name: "Lift" }).click()
    await row.waitFor({ state: "detached" })
    const left = (await api(`/admin/retention/consent/suppressions?q=${encodeURIComponent(email)}`)).suppressions
    expect(left.filter((s: any) => !s.lifted_at && !s.deleted_at)).toHaveLength(0)
    await page.context().close()
    expectNoProblems()
  })
})
