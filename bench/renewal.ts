// `renewal` benchmark, run by scripts/bench.js through `medusa exec` against a freshly migrated
// database, seeded with the demo store (scripts/demo/seed.ts, seedDemoStore).
//
// value:    renewal orders per minute through the plugin's renewal
//           (renewSubscription in src/workflows/replenishment/renew-subscription.ts, as the renewal
//           job calls it: one after another), for due subscriptions WITHOUT a subscribe-and-save
//           discount, so each renewal builds exactly the cart the baseline builds.
// baseline: orders per minute through Medusa's own checkout alone on the same carts: for each
//           subscription, the cart the renewal would build (same region, sales channel, currency,
//           customer, email, addresses, items, shipping option, pp_system_default) through
//           createCartWorkflow, addShippingMethodToCartWorkflow,
//           createPaymentCollectionForCartWorkflow, createPaymentSessionsWorkflow and
//           completeCartWorkflow, with none of the plugin's bookkeeping. The ratio
//           (value / baseline, target >= 0.7) is what the plugin costs on top of a checkout: the
//           per-subscription lock, the period's run row, the stock check, cart reloads, the
//           payment hook, the schedule update and history, and the confirmation email.
// Also printed, for information: the baseline counting completeCartWorkflow's time only (what
//           "completeCartWorkflow alone" would mean if the carts were already built, which is
//           not a like-for-like comparison: a renewal has to build its cart), and renewals of
//           subscriptions WITH the demo's 10% subscribe-and-save discount (each also creates and
//           applies a one-off promotion).
// Orders are placed one at a time and the three kinds take turns in small blocks, so a change
// in the machine's load during the run falls on all of them alike. Every order goes through the
// local event bus (order.placed reaches the plugin's subscribers) in all three.
import type { ExecArgs, MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { seedDemoStore } from "../scripts/demo/seed"
import { RETENTION_REPLENISHMENT_MODULE } from "../src/modules/replenishment"
import type ReplenishmentModuleService from "../src/modules/replenishment/service"
import { renewSubscription } from "../src/workflows/replenishment/renew-subscription"

const COUNT = Number(process.env.BENCH_RENEWAL_COUNT || 30)
const BLOCK = Number(process.env.BENCH_RENEWAL_BLOCK || 5)
const WARMUP = 2
const TARGET = 0.7
const SKU = "ETH-YIRG-250"
const PAYMENT_PROVIDER = "pp_system_default"
const ADDRESS_FIELDS = ["first_name", "last_name", "phone", "company", "address_1", "address_2", "city", "province", "postal_code", "country_code"]

type Sub = Awaited<ReturnType<ReplenishmentModuleService["retrieveSubscription"]>>
type Kind = "checkout" | "renewal" | "discounted"

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9

async function demoStore(container: MedusaContainer) {
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const one = async <T>(entity: string, fields: string[], filters: Record<string, unknown>) => {
    const { data } = await query.graph({ entity, fields, filters })
    if (!data[0]) throw new Error(`demo seed: no ${entity} matching ${JSON.stringify(filters)}`)
    return data[0] as T
  }
  const channel = await one<{ id: string }>("sales_channel", ["id"], { name: "Retention Demo Store" })
  const shipping = await one<{ id: string }>("shipping_option", ["id"], { name: "Standard" })
  const location = await one<{ id: string }>("stock_location", ["id"], {})
  const variant = await one<{ id: string; product_id: string; title: string; product: { title: string }; inventory_items: { inventory_item_id: string }[] }>(
    "product_variant",
    ["id", "product_id", "title", "product.title", "inventory_items.inventory_item_id"],
    { sku: SKU }
  )
  const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code", "countries.iso_2"] })
  const regionByCountry = new Map<string, { id: string; currency_code: string }>()
  for (const r of regions as { id: string; currency_code: string; countries: { iso_2: string }[] }[]) {
    for (const c of r.countries ?? []) regionByCountry.set(c.iso_2, { id: r.id, currency_code: r.currency_code })
  }
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "addresses.*"],
    filters: { has_account: true },
  })
  const shoppers = (customers as { id: string; email: string; addresses?: Record<string, unknown>[] }[])
    .filter((c) => c.addresses?.[0] && regionByCountry.has(String(c.addresses[0].country_code)))
    .map((c) => {
      const raw = c.addresses![0]
      const address = Object.fromEntries(ADDRESS_FIELDS.filter((k) => typeof raw[k] === "string" && raw[k]).map((k) => [k, raw[k] as string]))
      return { id: c.id, email: c.email, address, region: regionByCountry.get(address.country_code)! }
    })
  if (!shoppers.length) throw new Error("demo seed: no customer with an address in a region")
  return { channel, shipping, location, variant, shoppers }
}

export default async function renewalBench({ container }: ExecArgs) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const setupStarted = process.hrtime.bigint()
  await seedDemoStore(container, { log: () => undefined })
  const store = await demoStore(container)

  // Enough stock for every order of the run (the demo has 120 bags), so none is postponed.
  const inventory = container.resolve(Modules.INVENTORY)
  await inventory.updateInventoryLevels([
    { inventory_item_id: store.variant.inventory_items[0].inventory_item_id, location_id: store.location.id, stocked_quantity: 1_000_000 },
  ])

  // The demo's subscribe-and-save plan on the coffee, and the due subscriptions: COUNT + warm-up
  // without a discount, as many with the plan's 10%, spread over the demo customers.
  await service.upsertPlan({
    product_id: store.variant.product_id,
    variant_id: null,
    intervals: ["2w", "4w", "6w"],
    default_interval: "4w",
    discount_percent: 10,
    min_orders: 0,
    active: true,
  })
  const dueAt = new Date(Date.now() - 60_000)
  const subscribe = async (i: number, discount: number | null): Promise<Sub> => {
    const who = store.shoppers[i % store.shoppers.length]
    const { id } = await service.createSubscription(
      {
        customer_id: who.id,
        email: who.email,
        items: [{ variant_id: store.variant.id, product_id: store.variant.product_id, quantity: 1, title: store.variant.product.title, variant_title: store.variant.title }],
        interval: "4w",
        first_run_at: dueAt,
        region_id: who.region.id,
        currency_code: who.region.currency_code,
        sales_channel_id: store.channel.id,
        shipping_address: who.address,
        shipping_option_id: store.shipping.id,
        payment_provider_id: PAYMENT_PROVIDER,
        discount_percent: discount,
      },
      { type: "system" }
    )
    return service.retrieveSubscription(id)
  }
  const total = COUNT + WARMUP
  const plain: Sub[] = []
  const discounted: Sub[] = []
  for (let i = 0; i < total; i++) {
    plain.push(await subscribe(i, null))
    discounted.push(await subscribe(i, 10))
  }
  const setupSeconds = seconds(setupStarted)

  // Medusa's checkout alone, on the cart the renewal of `sub` builds.
  const completeSeconds: number[] = []
  const checkout = async (sub: Sub) => {
    const address = sub.shipping_address as Record<string, string>
    const items = (sub.items as unknown as { variant_id: string; quantity: number }[]).map((i) => ({ variant_id: i.variant_id, quantity: i.quantity }))
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: sub.region_id,
        sales_channel_id: sub.sales_channel_id ?? undefined,
        currency_code: sub.currency_code,
        customer_id: sub.customer_id,
        email: sub.email,
        shipping_address: address,
        billing_address: address,
        items,
      },
    })
    await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: sub.shipping_option_id! }] } })
    const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
    await createPaymentSessionsWorkflow(container).run({
      input: { payment_collection_id: (collection as { id: string }).id, provider_id: sub.payment_provider_id, data: {} },
    })
    const started = process.hrtime.bigint()
    const { result: order } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
    completeSeconds.push(seconds(started))
    const id = (order as { id?: string })?.id
    if (!id) throw new Error("checkout placed no order")
    return id
  }
  const renew = async (sub: Sub) => {
    const { outcome, order_id } = await renewSubscription(container, { subscription_id: sub.id, now: new Date() })
    if (outcome !== "ordered" || !order_id) throw new Error(`renewal of ${sub.id}: ${outcome}, expected ordered`)
    return order_id
  }

  const orders: Record<Kind, string[]> = { checkout: [], renewal: [], discounted: [] }
  const run: Record<Kind, (i: number) => Promise<void>> = {
    checkout: async (i) => void (orders.checkout[i] = await checkout(plain[i])),
    renewal: async (i) => void (orders.renewal[i] = await renew(plain[i])),
    discounted: async (i) => void (orders.discounted[i] = await renew(discounted[i])),
  }
  const spent: Record<Kind, number> = { checkout: 0, renewal: 0, discounted: 0 }
  const done: Record<Kind, number> = { checkout: 0, renewal: 0, discounted: 0 }

  // Warm-up (workflow definitions, module caches, the JIT), not counted.
  for (let i = 0; i < WARMUP; i++) for (const kind of Object.keys(run) as Kind[]) await run[kind](i)
  completeSeconds.length = 0

  // The kinds take turns in blocks of BLOCK orders, rotating which goes first.
  const kinds: Kind[] = ["checkout", "renewal", "discounted"]
  for (let from = WARMUP, round = 0; from < total; from += BLOCK, round++) {
    const to = Math.min(total, from + BLOCK)
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(round + k) % kinds.length]
      for (let i = from; i < to; i++) {
        const started = process.hrtime.bigint()
        await run[kind](i)
        spent[kind] += seconds(started)
        done[kind] += 1
      }
    }
  }

  // Same carts: each renewal's order costs what the checkout alone charged for its subscription;
  // the discounted renewals got their discount.
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const { data: placed } = await query.graph({
    entity: "order",
    fields: ["id", "total", "discount_total"],
    filters: { id: [...orders.checkout, ...orders.renewal, ...orders.discounted].filter(Boolean) },
  })
  const byId = new Map((placed as { id: string; total: number; discount_total: number }[]).map((o) => [o.id, o]))
  for (let i = 0; i < total; i++) {
    const [a, b, c] = [byId.get(orders.checkout[i]), byId.get(orders.renewal[i]), byId.get(orders.discounted[i])]
    if (!a || !b || !c) throw new Error(`order ${i} missing`)
    if (Number(a.total) !== Number(b.total)) throw new Error(`renewal ${i} totals ${b.total}, its checkout alone ${a.total}: not the same cart`)
    if (!(Number(c.discount_total) > 0)) throw new Error(`discounted renewal ${i} has no discount`)
  }

  const perMinute = (kind: Kind) => (done[kind] / spent[kind]) * 60
  const value = perMinute("renewal")
  const baseline = perMinute("checkout")
  const completeOnly = (completeSeconds.length / completeSeconds.reduce((s, x) => s + x, 0)) * 60
  const discountedRate = perMinute("discounted")
  const ratio = value / baseline
  const ms = (kind: Kind) => ((spent[kind] / done[kind]) * 1000).toFixed(0)
  const f = (n: number) => n.toFixed(1)
  logger.info(`renewal bench: setup (seed, plan, ${2 * total} subscriptions) took ${setupSeconds.toFixed(1)} s`)
  console.log(
    `renewal: ${COUNT} of each, one at a time: renewals ${f(value)} orders/min (${ms("renewal")} ms each); ` +
      `Medusa's checkout alone on the same carts (cart, shipping, payment collection and session, completeCartWorkflow) ` +
      `${f(baseline)} orders/min (${ms("checkout")} ms each); ratio ${ratio.toFixed(2)} (target >= ${TARGET}: ${ratio >= TARGET ? "met" : "NOT met"})`
  )
  console.log(
    `renewal: for information: completeCartWorkflow's share of the checkout alone ${f(completeOnly)} orders/min ` +
      `(renewals / that = ${(value / completeOnly).toFixed(2)}, not like for like: a renewal builds its cart); ` +
      `renewals with the 10% subscribe-and-save promotion ${f(discountedRate)} orders/min (${ms("discounted")} ms each, ` +
      `${(discountedRate / baseline).toFixed(2)} of the checkout alone)`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "renewal", value, unit: "orders/min", baseline })}`)
}
