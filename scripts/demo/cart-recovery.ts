// Demo only: makes the default abandoned-cart campaign fast enough to watch (first email about
// half a minute after a cart goes quiet, the discount step after 3 minutes, the last call after
// 6) and puts the seeded abandoned carts on that clock, so the outbox shows a recovery email
// within a minute or two of `npm run demo`.
import type { ICartModuleService, MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId, Modules } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  capturePaymentWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { emailRenderer } from "../../src/emails"
import { chooseEmailLocale } from "../../src/lib/email-locale"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import { parseSteps, updateCampaignSchema } from "../../src/modules/cart-recovery/campaign-config"
import { fillSubject } from "../../src/modules/cart-recovery/sequence"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_SETTINGS_MODULE } from "../../src/modules/retention-settings"
import type RetentionSettingsModuleService from "../../src/modules/retention-settings/service"
import { trackCartActivityWorkflow } from "../../src/workflows/cart-recovery/track-cart-activity"
import { type Currency, must, PRODUCTS, step } from "./seed"
import { syncOrderFactsWorkflow } from "../../src/workflows/customer-segments/sync-order-facts"

export const DEMO_CAMPAIGN_STEPS = [
  { delay_hours: 0.01, subjects: ["You left something in your cart", "{{customerName}}, your coffee is waiting"] },
  {
    delay_hours: 0.05,
    subjects: ["Here is 10% off the cart you left"],
    discount: { type: "percentage" as const, value: 10, expires_in_hours: 72 },
  },
  { delay_hours: 0.1, subjects: ["Last call: your cart at {{storeName}}"] },
]

export async function prepareDemoCartRecovery(container: MedusaContainer): Promise<{ tracked: number }> {
  if (!container.hasRegistration(RETENTION_CART_RECOVERY_MODULE)) return { tracked: 0 }
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  await service.ensureDefaultCampaign()
  const [campaign] = await service.listRecoveryCampaigns({ is_default: true })
  if (!campaign) return { tracked: 0 }
  await service.updateCampaign(
    campaign.id,
    updateCampaignSchema.parse({ steps: DEMO_CAMPAIGN_STEPS, cap_per_address: 3, cap_window_hours: 1, discount_budget: { eur: 200, usd: 200, try: 8000 } })
  )
  await service.updateRecoveryCampaigns({ id: campaign.id, status: "active" })

  // Track the open carts now (the cart events may still be in flight): idempotent per cart.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({ entity: "cart", fields: ["id"], filters: { completed_at: null } })
  let tracked = 0
  for (const cart of carts) {
    const { result } = await trackCartActivityWorkflow(container).run({ input: { cart_id: cart.id, at: new Date() } })
    if (result.action === "tracked") tracked += 1
  }
  return { tracked }
}

// ---------------------------------------------------------------------------------------------
// History: six weeks of the default campaign before the demo started, so the campaign page, the
// Overview and Messages show real figures on first open (recoveries with revenue, opens and
// clicks per step and subject variant, a holdout group, sends spread over the days).
//
// Every row is written as the module writes it, in bulk: real carts (the cart module's own
// service, which emits no cart events, so nothing tracks them behind our back) with their
// tracked-cart row, one send per step and the message log row of that send with its provider
// events. Recovered carts, and the holdout cart that ordered anyway, are real orders placed
// through checkout and dated back, as the subscriptions demo dates its renewals. Every history
// sequence is closed (recovered, converted or expired): the live job never emails them.
// The history follows the default campaign's clock (1 h, 24 h, 72 h) rather than the demo's
// fast one, which is for the live carts above.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const HISTORY_DELAYS_HOURS = [1, 24, 72]
const ATTRIBUTION_DAYS = 7

type HistoryOutcome = "expired" | "recovered" | "holdout" | "holdout_converted"

// Guest shoppers: first, last, country, city, postal code, street. All distinct from the live
// demo's addresses, so their history never counts against a live cart's caps.
const HISTORY_GUESTS: [string, string, string, string, string, string][] = [
  ["Anna", "Becker", "de", "Hamburg", "20354", "Jungfernstieg 12"],
  ["Burak", "Aydın", "tr", "Istanbul", "34367", "Abdi İpekçi Caddesi 7"],
  ["Chloé", "Martin", "fr", "Lyon", "69002", "Rue de la République 21"],
  ["Daniel", "Brooks", "us", "Seattle", "98101", "1420 5th Ave"],
  ["Eva", "de Vries", "nl", "Utrecht", "3511 AB", "Oudegracht 150"],
  ["Fatma", "Şahin", "tr", "Ankara", "06690", "Kennedy Caddesi 33"],
  ["Giulia", "Rossi", "it", "Milan", "20121", "Via Manzoni 14"],
  ["Henry", "Lopez", "us", "Austin", "78701", "600 Congress Ave"],
  ["Inés", "García", "es", "Madrid", "28004", "Calle de Fuencarral 80"],
  ["Kerem", "Arslan", "tr", "Izmir", "35210", "Kıbrıs Şehitleri Caddesi 95"],
  ["Jonas", "Weber", "de", "Cologne", "50667", "Hohe Straße 52"],
  ["Laura", "Schmidt", "de", "Frankfurt", "60311", "Zeil 44"],
  ["Mason", "Reed", "us", "Denver", "80202", "1600 Champa St"],
  ["Nora", "Jansen", "nl", "Rotterdam", "3011 AD", "Hoogstraat 80"],
  ["Oğuz", "Koç", "tr", "Bursa", "16050", "Fomara Caddesi 12"],
  ["Paul", "Dubois", "fr", "Paris", "75011", "Rue Oberkampf 48"],
  ["Quinn", "Parker", "us", "Chicago", "60607", "1020 W Randolph St"],
  ["Rosa", "Fernández", "es", "Valencia", "46002", "Carrer de Colón 18"],
  ["Selin", "Öztürk", "tr", "Antalya", "07100", "Işıklar Caddesi 64"],
  ["Tom", "Fischer", "de", "Stuttgart", "70173", "Königstraße 28"],
  ["Uma", "Patel", "us", "San Jose", "95113", "87 N San Pedro St"],
  ["Valentina", "Bianchi", "it", "Rome", "00186", "Via del Corso 120"],
  ["Yusuf", "Polat", "tr", "Eskişehir", "26010", "Doktorlar Caddesi 19"],
  ["Willem", "Bakker", "nl", "The Hague", "2511 CV", "Lange Voorhout 9"],
  ["Zoe", "Turner", "us", "Boston", "02116", "240 Newbury St"],
  ["Lea", "Hoffmann", "de", "Leipzig", "04109", "Grimmaische Straße 6"],
  ["Marc", "Lefebvre", "fr", "Bordeaux", "33000", "Cours de l'Intendance 30"],
  ["Ece", "Yıldız", "tr", "Istanbul", "34430", "İstiklal Caddesi 140"],
  ["Lucas", "Moreno", "es", "Seville", "41004", "Calle Sierpes 25"],
  ["Grace", "Kim", "us", "Portland", "97209", "1005 W Burnside St"],
  ["Sofia", "Romano", "it", "Turin", "10123", "Via Roma 60"],
  ["Felix", "Wagner", "de", "Dresden", "01067", "Prager Straße 10"],
  ["Deniz", "Kaplan", "tr", "Ankara", "06420", "Konur Sokak 15"],
  ["Ella", "Visser", "nl", "Eindhoven", "5611 AH", "Stratumseind 40"],
  ["Hannah", "Klein", "de", "Munich", "80331", "Sendlinger Straße 15"],
  ["Camille", "Laurent", "fr", "Nantes", "44000", "Rue Crébillon 9"],
  ["Emre", "Güneş", "tr", "Istanbul", "34710", "Bahariye Caddesi 51"],
  ["Noah", "Hayes", "us", "Minneapolis", "55403", "1200 Nicollet Mall"],
  ["Pablo", "Ruiz", "es", "Barcelona", "08002", "Carrer de Ferran 33"],
  ["Lily", "Morgan", "us", "Nashville", "37203", "500 Church St"],
]

// What each guest's cart became, oldest first: [days ago the cart went quiet, outcome, step
// credited with the recovery]. 34 emailed carts, 9 recovered (26 %); 6 held out, 1 of which
// ordered anyway (17 %): the campaign's incremental recovery is about +10 points. (The demo
// campaign's holdout is 0 % now, so that no live cart is held out of the emails the demo is
// there to show: these carts were held out while the merchant measured the lift.) Expired
// sequences are at least 11 days old (last email at 72 h, then the 7-day attribution window).
const HISTORY_STORIES: [number, HistoryOutcome, number?][] = [
  [41, "expired"], [41, "holdout"], [40, "expired"], [39, "expired"], [38, "recovered", 1],
  [37, "expired"], [36, "expired"], [35, "holdout"], [35, "expired"], [34, "recovered", 2],
  [33, "expired"], [32, "expired"], [31, "holdout_converted"], [30, "expired"], [29, "expired"],
  [28, "recovered", 1], [27, "expired"], [26, "holdout"], [26, "expired"], [25, "expired"],
  [24, "expired"], [23, "expired"], [22, "recovered", 3], [21, "expired"], [20, "holdout"],
  [20, "expired"], [19, "expired"], [18, "expired"], [17, "recovered", 2], [16, "expired"],
  [15, "expired"], [14, "expired"], [13, "holdout"], [13, "expired"], [12, "expired"],
  [11, "expired"], [10, "recovered", 1], [7, "recovered", 3], [4, "recovered", 2], [2, "recovered", 1],
]

// What the carts held, by story number modulo the list (never the sold-out or last-three SKUs).
const HISTORY_BASKETS: [string, number][][] = [
  [["ETH-YIRG-250", 2]],
  [["ESP-HOUSE-1000", 1]],
  [["COL-HUILA-250", 1], ["FLT-V60-100", 1]],
  [["DRP-CER-02-WHT", 1], ["FLT-V60-100", 1]],
  [["ESP-HOUSE-250", 2], ["DSC-TAB-8", 1]],
  [["ETH-YIRG-1000", 1]],
  [["FLT-V60-100", 2], ["DSC-TAB-8", 1]],
  [["ESP-HOUSE-250", 1], ["COL-HUILA-250", 1]],
]

const CURRENCY_OF_COUNTRY: Record<string, Currency> = { tr: "try", us: "usd" }

export type DemoCartRecoveryHistory = {
  seeded: boolean
  carts: number
  sends: number
  recovered_orders: number
}

type Pg = { raw: (sql: string, bindings: readonly unknown[]) => Promise<unknown> }
type Story = {
  n: number
  email: string
  first_name: string
  last_name: string
  address: { first_name: string; last_name: string; address_1: string; city: string; postal_code: string; country_code: string }
  currency: Currency
  items: { sku: string; quantity: number; unit_price: number }[]
  value: number
  outcome: HistoryOutcome
  recoveredStep: number | null
  quietAt: Date
  sendAts: Date[]
  orderedAt: Date | null
  closedAt: Date
}

/** The stories with their times, relative to `now`. */
function historyStories(now: Date): Story[] {
  const prices = new Map(PRODUCTS.flatMap((p) => p.variants.map((v) => [v.sku, v.prices] as const)))
  return HISTORY_STORIES.map(([daysAgo, outcome, recoveredStep], n) => {
    const [first_name, last_name, country_code, city, postal_code, address_1] = HISTORY_GUESTS[n]
    const currency = CURRENCY_OF_COUNTRY[country_code] ?? "eur"
    const items = HISTORY_BASKETS[n % HISTORY_BASKETS.length].map(([sku, quantity]) => ({
      sku,
      quantity,
      unit_price: must(prices.get(sku), `price of ${sku}`)[currency],
    }))
    const day = new Date(now.getTime() - daysAgo * DAY)
    // Shoppers leave carts between 07:00 and 21:00 UTC.
    const quietAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 7 + ((n * 5) % 14), (n * 13) % 60))
    // The job runs every minute: each step goes out a few seconds after it is due.
    const sendAt = (step: number) => new Date(quietAt.getTime() + HISTORY_DELAYS_HOURS[step - 1] * HOUR + 20_000)
    const held = outcome === "holdout" || outcome === "holdout_converted"
    const steps = held ? 0 : outcome === "recovered" ? must(recoveredStep, "recovered step") : HISTORY_DELAYS_HOURS.length
    const sendAts = Array.from({ length: steps }, (_, i) => sendAt(i + 1))
    // Recovered: ordered after the credited email and before the next one (50 min, 5 h, 26 h).
    const orderedAt =
      outcome === "recovered"
        ? new Date(sendAts[steps - 1].getTime() + [50 * MINUTE, 5 * HOUR, 26 * HOUR][steps - 1])
        : outcome === "holdout_converted"
          ? new Date(quietAt.getTime() + 31 * HOUR)
          : null
    // A sequence expires once the attribution window after its last email (or, held out, after
    // it went quiet) has passed.
    const lastTouch = sendAts.length ? sendAts[sendAts.length - 1] : sendAt(1)
    const closedAt = orderedAt ?? new Date(lastTouch.getTime() + ATTRIBUTION_DAYS * DAY + MINUTE)
    if (closedAt.getTime() > now.getTime()) throw new Error(`history story ${n} would end in the future`)
    return {
      n,
      email: `${ascii(first_name)}.${ascii(last_name)}@example.com`,
      first_name,
      last_name,
      address: { first_name, last_name, address_1, city, postal_code, country_code },
      currency,
      items,
      value: items.reduce((sum, i) => sum + i.unit_price * i.quantity, 0),
      outcome,
      recoveredStep: outcome === "recovered" ? steps : null,
      quietAt,
      sendAts,
      orderedAt,
      closedAt,
    }
  })
}

/** "Şahin" → "sahin", "de Vries" → "devries": the local part of a made-up address. */
function ascii(name: string): string {
  const map: Record<string, string> = { ı: "i", ş: "s", ğ: "g", ç: "c", ö: "o", ü: "u", é: "e", è: "e", á: "a", í: "i", ñ: "n", ó: "o" }
  return name
    .toLowerCase()
    .replace(/[ışğçöüéèáíñó]/g, (c) => map[c] ?? c)
    .replace(/[^a-z]/g, "")
}

/**
 * Six weeks of cart-recovery history on the default campaign (see the comment above). Runs
 * once: when the first history shopper already has a tracked cart it does nothing.
 */
export async function seedDemoCartRecoveryHistory(
  container: MedusaContainer,
  opts: { now?: Date; log?: (m: string) => void } = {}
): Promise<DemoCartRecoveryHistory> {
  const none = { seeded: false, carts: 0, sends: 0, recovered_orders: 0 }
  if (!container.hasRegistration(RETENTION_CART_RECOVERY_MODULE)) return none
  const now = opts.now ?? new Date()
  const started = Date.now()
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const pg = container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION)
  const stories = historyStories(now)
  if ((await service.listTrackedCarts({ email: stories[0].email }, { take: 1 })).length) return none

  await service.ensureDefaultCampaign()
  const [campaign] = await service.listRecoveryCampaigns({ is_default: true })
  if (!campaign) return none
  const steps = parseSteps(campaign.steps)
  const store = await step("loading the demo store for the cart-recovery history", () => loadHistoryStore(query))

  // 1. The orders: recovered carts and the holdout cart that ordered anyway, through checkout.
  const placing = Date.now()
  const orders = new Map<number, { cart_id: string; order_id: string; total: number; customer_id: string | null }>()
  for (const story of stories.filter((s) => s.orderedAt)) {
    await step(`placing the history order of ${story.email}`, async () => {
      orders.set(story.n, await placeHistoryOrder(container, store, story))
    })
  }
  // The order.placed subscriber closes each order's tracked cart ("converted": no email had
  // been recorded yet). Wait for it, so the history written below is the last word.
  await waitFor(async () => {
    const ids = [...orders.values()].map((o) => o.cart_id)
    const rows = await service.listTrackedCarts({ cart_id: ids, order_id: { $ne: null } }, { select: ["id"] })
    return rows.length === ids.length
  }, 20_000)
  const placedIn = Date.now() - placing

  // 2. The abandoned carts, in one call.
  const abandoned = stories.filter((s) => !s.orderedAt)
  const created = await step("creating the history's abandoned carts", () =>
    container.resolve<ICartModuleService>(Modules.CART).createCarts(
      abandoned.map((story) => ({
        currency_code: story.currency,
        region_id: store.regionByCurrency[story.currency],
        sales_channel_id: store.salesChannelId,
        email: story.email,
        shipping_address: story.address,
        billing_address: story.address,
        metadata: { retention_demo: "history", story: story.n },
        items: story.items.map((i) => {
          const variant = must(store.variants.get(i.sku), `variant ${i.sku}`)
          return {
            title: variant.product_title,
            product_title: variant.product_title,
            variant_title: variant.title,
            variant_sku: i.sku,
            variant_id: variant.id,
            product_id: variant.product_id,
            quantity: i.quantity,
            unit_price: i.unit_price,
            // Shelf prices in Europe and Türkiye include VAT (the store's currency settings).
            is_tax_inclusive: story.currency !== "usd",
          }
        }),
      }))
    )
  )
  const cartOf = new Map<number, { cart_id: string; customer_id: string | null }>()
  for (const cart of created) cartOf.set(Number((cart.metadata as { story: number }).story), { cart_id: cart.id, customer_id: null })
  for (const [n, order] of orders) cartOf.set(n, order)

  // 3. Tracked carts, sends and the message log, as the scheduler and the webhook leave them.
  const brandValues = (await settings.getSection("brand")).values
  const brand = { ...brandValues, replyTo: brandValues.replyTo ?? undefined, logoUrl: brandValues.logoUrl ?? undefined }
  const tracked: Record<string, unknown>[] = []
  const sends: Record<string, unknown>[] = []
  const messages: Record<string, unknown>[] = []
  const events: { message_id: string; type: string; occurred_at: Date; data: Record<string, unknown> | null }[] = []
  const dates: { table: string; id: string; created_at: Date; updated_at: Date }[] = []
  let stepOneSends = 0
  for (const story of stories) {
    const { cart_id, customer_id } = must(cartOf.get(story.n), `cart of history story ${story.n}`)
    const order = orders.get(story.n)
    const locale = chooseEmailLocale({ shippingCountry: story.address.country_code }, brandValues)
    const variants: Record<string, number> = {}
    story.sendAts.forEach((sentAt, index) => {
      const stepNumber = index + 1
      const campaignStep = steps[index]
      // Subject variants split evenly (the module hashes the cart id; here they alternate, so
      // both of step 1's variants have recoveries to compare).
      const variant = campaignStep?.subjects.length > 1 ? stepOneSends++ % campaignStep.subjects.length : 0
      variants[String(index)] = variant
      const subject =
        campaignStep?.subjects.length && locale === brandValues.defaultLocale
          ? fillSubject(campaignStep.subjects[variant], { customerName: null, storeName: brandValues.storeName })
          : null
      const credited = story.recoveredStep === stepNumber
      // About 4 in 10 emails opened and a third of those clicked; the email that won the cart
      // back was opened and its link followed.
      const opened = credited || (story.n * 7 + stepNumber * 5) % 10 < 4
      const clicked = credited || (opened && (story.n + stepNumber) % 3 === 0)
      const openedAt = opened ? new Date(sentAt.getTime() + ((story.n % 5) + 1) * 7 * MINUTE) : null
      const clickedAt = clicked && openedAt ? new Date(openedAt.getTime() + 40_000) : null
      const discount =
        campaignStep?.discount?.type === "percentage"
          ? {
              code: service.discountCodeFor(cart_id, stepNumber),
              percent: campaignStep.discount.value,
              expiresAt: new Date(sentAt.getTime() + campaignStep.discount.expires_in_hours * HOUR).toISOString(),
            }
          : undefined
      const key = `cart-recovery:${cart_id}:${stepNumber}`
      const messageId = generateEntityId(undefined, "rmsg")
      const data = {
        greetingName: story.first_name,
        items: story.items.map((i) => {
          const variantRow = must(store.variants.get(i.sku), `variant ${i.sku}`)
          return { title: variantRow.product_title, variantTitle: variantRow.title, quantity: i.quantity, unitPrice: i.unit_price, total: i.unit_price * i.quantity }
        }),
        currency: story.currency,
        subtotal: story.value,
        recoveryUrl: service.recoveryUrl({ c: cart_id, st: stepNumber }, sentAt),
        ...(subject ? { subjectLine: subject } : {}),
        ...(discount ? { discount } : {}),
      }
      const rendered = emailRenderer.render({
        template: campaignStep?.template ?? "cart-reminder",
        locale,
        data,
        brand,
        unsubscribeUrl: messaging.unsubscribeUrl({ m: messageId, e: story.email, t: "cart_recovery", l: locale }),
      })
      const deliveredAt = new Date(sentAt.getTime() + 4_000)
      messages.push({
        id: messageId,
        idempotency_key: key,
        topic: "cart_recovery",
        category: "marketing",
        template: campaignStep?.template ?? "cart-reminder",
        locale,
        to_email: story.email,
        customer_id,
        campaign_id: campaign.id,
        status: clicked ? "clicked" : opened ? "opened" : "delivered",
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        data,
        // Sent through SendGrid, whose webhook reported delivery, opens and clicks (the outbox
        // the demo uses now reports none).
        provider_id: "retention-sendgrid",
        dispatch: "direct",
        provider_message_id: `demo-history-${story.n}-${stepNumber}`,
        attempts: 1,
        sending_started_at: new Date(sentAt.getTime() - 300),
        sent_at: sentAt,
        delivered_at: deliveredAt,
        opened_at: openedAt,
        clicked_at: clickedAt,
        metadata: { time_zone: null, country_code: story.address.country_code },
      })
      dates.push({ table: "retention_message", id: messageId, created_at: new Date(sentAt.getTime() - 1_000), updated_at: clickedAt ?? openedAt ?? deliveredAt })
      events.push({ message_id: messageId, type: "delivered", occurred_at: deliveredAt, data: null })
      if (openedAt) events.push({ message_id: messageId, type: "open", occurred_at: openedAt, data: null })
      if (clickedAt) events.push({ message_id: messageId, type: "click", occurred_at: clickedAt, data: { url: data.recoveryUrl } })
      sends.push({
        idempotency_key: key,
        cart_id,
        campaign_id: campaign.id,
        email: story.email,
        step: stepNumber,
        variant,
        subject,
        status: "sent",
        message_id: messageId,
        // The code was a one-off Medusa promotion that expired long ago; the history keeps the
        // code and its expiry, not the promotion.
        promotion_code: discount?.code ?? null,
        promotion_expires_at: discount ? new Date(discount.expiresAt) : null,
        sent_at: sentAt,
        // The recovery link records the click on the send; opens come from the message log.
        clicked_at: clickedAt,
        click_count: clickedAt ? 1 : 0,
      })
    })
    const held = story.outcome === "holdout" || story.outcome === "holdout_converted"
    tracked.push({
      cart_id,
      email: story.email,
      customer_id,
      currency_code: story.currency,
      value: story.value,
      region_id: store.regionByCurrency[story.currency],
      sales_channel_id: store.salesChannelId,
      last_activity_at: story.quietAt,
      status: story.outcome === "recovered" ? "recovered" : story.outcome === "holdout_converted" ? "converted" : "expired",
      current_step: held ? steps.length : story.sendAts.length,
      next_action_at: null,
      campaign_id: campaign.id,
      holdout: held,
      variants: Object.keys(variants).length ? variants : null,
      attempts: 0,
      // The first due step is when the cart counted as abandoned (emailed or held out).
      abandoned_at: story.sendAts[0] ?? new Date(story.quietAt.getTime() + HISTORY_DELAYS_HOURS[0] * HOUR + 20_000),
      last_sent_at: story.sendAts[story.sendAts.length - 1] ?? null,
      order_id: order?.order_id ?? null,
      ordered_at: story.orderedAt,
      order_total: order?.total ?? null,
      recovered_step: story.recoveredStep,
      recovered_variant: story.recoveredStep ? variants[String(story.recoveredStep - 1)] : null,
    })
  }

  await step("writing the cart-recovery history", async () => {
    const existing = await service.listTrackedCarts({ cart_id: tracked.map((t) => t.cart_id as string) }, { select: ["id", "cart_id"] })
    const idOf = new Map(existing.map((t) => [t.cart_id, t.id]))
    const fresh = tracked.filter((t) => !idOf.has(t.cart_id as string))
    const made = fresh.length ? await service.createTrackedCarts(fresh) : []
    for (const t of made) idOf.set(t.cart_id, t.id)
    const updates = tracked.filter((t) => existing.some((e) => e.cart_id === t.cart_id))
    if (updates.length) await service.updateTrackedCarts(updates.map((t) => ({ id: idOf.get(t.cart_id as string)!, ...t })))
    await messaging.createMessages(messages)
    await messaging.createMessageEvents(events)
    const madeSends = await service.createRecoverySends(sends)
    for (const story of stories) {
      const cart = must(cartOf.get(story.n), `cart of history story ${story.n}`)
      dates.push({
        table: "retention_tracked_cart",
        id: must(idOf.get(cart.cart_id), `tracked cart of ${cart.cart_id}`),
        created_at: new Date(story.quietAt.getTime() - 3 * MINUTE),
        updated_at: story.closedAt,
      })
      dates.push({ table: "cart", id: cart.cart_id, created_at: new Date(story.quietAt.getTime() - 3 * MINUTE), updated_at: story.orderedAt ?? story.quietAt })
      const order = orders.get(story.n)
      if (order && story.orderedAt) dates.push({ table: "order", id: order.order_id, created_at: story.orderedAt, updated_at: story.orderedAt })
    }
    for (const send of madeSends) {
      const at = new Date(send.sent_at as unknown as string)
      dates.push({ table: "retention_recovery_send", id: send.id, created_at: at, updated_at: send.clicked_at ? new Date(send.clicked_at as unknown as string) : at })
    }
    for (const table of [...new Set(dates.map((d) => d.table))]) {
      await pg.raw(
        `update "${table}" t set created_at = x.created_at, updated_at = x.updated_at
         from jsonb_to_recordset(?::jsonb) as x(id text, created_at timestamptz, updated_at timestamptz) where t.id = x.id`,
        [JSON.stringify(dates.filter((d) => d.table === table).map(({ id, created_at, updated_at }) => ({ id, created_at, updated_at })))]
      )
    }
    // The orders' carts were completed when their orders were placed; their guest customers
    // came with the carts.
    const completed = stories.flatMap((s) => (orders.get(s.n) && s.orderedAt ? [{ id: orders.get(s.n)!.cart_id, at: s.orderedAt }] : []))
    await pg.raw(
      `update cart t set completed_at = x.at from jsonb_to_recordset(?::jsonb) as x(id text, at timestamptz) where t.id = x.id`,
      [JSON.stringify(completed)]
    )
    const guests = stories.flatMap((s) => (orders.get(s.n)?.customer_id ? [{ id: orders.get(s.n)!.customer_id, at: new Date(s.quietAt.getTime() - 3 * MINUTE) }] : []))
    await pg.raw(
      `update customer t set created_at = x.at, updated_at = x.at from jsonb_to_recordset(?::jsonb) as x(id text, at timestamptz) where t.id = x.id and t.has_account = false`,
      [JSON.stringify(guests)]
    )
  })

  // The reports read orders from the plugin's order facts: copy the orders' dated state now.
  await syncOrderFactsWorkflow(container).run({ input: { full: true } })

  const result = { seeded: true, carts: stories.length, sends: sends.length, recovered_orders: orders.size }
  opts.log?.(
    `cart-recovery history: ${result.carts} carts over ${HISTORY_STORIES[0][0]} days, ${result.sends} emails, ` +
      `${stories.filter((s) => s.outcome === "recovered").length} recovered and ${stories.filter((s) => s.outcome !== "expired" && s.outcome !== "recovered").length} held out, ` +
      `${orders.size} real orders (${((Date.now() - started) / 1000).toFixed(1)} s, of which the orders ${(placedIn / 1000).toFixed(1)} s)`
  )
  return result
}

type HistoryStore = {
  salesChannelId: string
  shippingOptionId: string
  regionByCurrency: Record<Currency, string>
  variants: Map<string, { id: string; title: string; product_id: string; product_title: string }>
}

async function loadHistoryStore(query: RemoteQueryFunction): Promise<HistoryStore> {
  const one = async (entity: string, filters: Record<string, unknown>, what: string) => {
    const { data } = await query.graph({ entity, fields: ["id"], filters })
    return must((data[0] as { id: string } | undefined)?.id, `${what} (run the demo store seed first)`)
  }
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code"] })
  const regionByCurrency = {} as Record<Currency, string>
  for (const r of regions as { id: string; currency_code: Currency }[]) regionByCurrency[r.currency_code] = r.id
  const skus = [...new Set(HISTORY_BASKETS.flat().map(([sku]) => sku))]
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "title", "product_id", "product.title"],
    filters: { sku: skus },
  })
  return {
    salesChannelId: await one("sales_channel", { name: "Retention Demo Store" }, "the demo sales channel"),
    shippingOptionId: await one("shipping_option", { name: "Standard" }, "the Standard shipping option"),
    regionByCurrency,
    variants: new Map(
      (variants as { id: string; sku: string; title: string; product_id: string; product: { title: string } }[]).map((v) => [
        v.sku,
        { id: v.id, title: v.title, product_id: v.product_id, product_title: v.product.title },
      ])
    ),
  }
}

/** A guest checkout of the story's cart, its payment captured (dated back by the caller). */
async function placeHistoryOrder(container: MedusaContainer, store: HistoryStore, story: Story) {
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: store.regionByCurrency[story.currency],
      sales_channel_id: store.salesChannelId,
      currency_code: story.currency,
      email: story.email,
      shipping_address: story.address,
      billing_address: story.address,
      metadata: { retention_demo: "history", story: story.n },
      items: story.items.map((i) => ({ variant_id: must(store.variants.get(i.sku), `variant ${i.sku}`).id, quantity: i.quantity })),
    },
  })
  await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: store.shippingOptionId }] } })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: (collection as { id: string }).id, provider_id: "pp_system_default" },
  })
  const { result: order } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "total", "customer_id", "payment_collections.payments.id"],
    filters: { id: order.id },
  })
  const placed = must(
    data[0] as { id: string; total: unknown; customer_id: string | null; payment_collections?: { payments?: { id: string }[] }[] } | undefined,
    `order ${order.id}`
  )
  for (const payment of (placed.payment_collections ?? []).flatMap((c) => c.payments ?? [])) {
    await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
  }
  return { cart_id: cart.id, order_id: placed.id, total: Number(placed.total), customer_id: placed.customer_id }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 250))
  }
}
