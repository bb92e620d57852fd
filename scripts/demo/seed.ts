// Demo data for the plugin's development store: a small specialty-coffee shop with customers,
// abandoned carts and orders in every state the retention features care about.
//
//   npx medusa exec ./scripts/demo/seed.ts
//
// Everything goes through Medusa's core-flows workflows, so events (order.placed,
// delivery.created, order.canceled, …) fire exactly as they would in a real store. The seed runs
// once: when the "Retention Demo Store" sales channel exists it does nothing.
import { recordDemoFailedEmail, sendDemoSampleEmails } from "./sample-emails"
import { prepareDemoCartRecovery, seedDemoCartRecoveryHistory } from "./cart-recovery"
import { spreadDemoLoyaltyHistory } from "./loyalty"
import { seedDemoRedemptions } from "./redemptions"
import { prepareDemoFlows, seedDemoFlowHistory } from "./flows"
import { prepareDemoNps } from "./nps"
import { prepareDemoSubscriptions } from "./subscriptions"
import type {
  ExecArgs,
  Logger,
  MedusaContainer,
  RemoteQueryFunction,
} from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  completeCartWorkflow,
  createApiKeysWorkflow,
  createCartWorkflow,
  createCustomersWorkflow,
  createInventoryLevelsWorkflow,
  createLinksWorkflow,
  createLocationFulfillmentSetWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { computeRfmSegmentsWorkflow } from "../../src/workflows/customer-segments/compute-rfm-segments"
import { computeProductAffinity } from "../../src/jobs/compute-product-affinity"
import { syncOrderFactsWorkflow } from "../../src/workflows/customer-segments/sync-order-facts"

export const DEMO_SALES_CHANNEL_NAME = "Retention Demo Store"
export const DEMO_API_KEY_TITLE = "Retention Demo Store"

const PAYMENT_PROVIDER_ID = "pp_system_default"
const FULFILLMENT_PROVIDER_ID = "manual_manual"
const TAX_PROVIDER_ID = "tp_system"

export type Currency = "eur" | "usd" | "try"
const CURRENCIES: Currency[] = ["eur", "usd", "try"]
type RegionKey = "eu" | "tr" | "us"
export type Prices = Record<Currency, number>

type Address = {
  first_name: string
  last_name: string
  phone?: string
  address_1: string
  city: string
  province?: string
  postal_code: string
  country_code: string
}

type LineSpec = [sku: string, quantity: number]

const REGIONS: {
  key: RegionKey
  name: string
  currency_code: Currency
  countries: string[]
}[] = [
  {
    key: "eu",
    name: "Europe",
    currency_code: "eur",
    countries: ["de", "fr", "nl", "es", "it"],
  },
  { key: "tr", name: "Türkiye", currency_code: "try", countries: ["tr"] },
  { key: "us", name: "United States", currency_code: "usd", countries: ["us"] },
]

// Standard VAT rates; US sales tax depends on the state, so no default rate there.
const TAX_RATES: Record<string, { rate: number; code: string; name: string }> =
  {
    de: { rate: 19, code: "DE19", name: "Germany VAT" },
    fr: { rate: 20, code: "FR20", name: "France TVA" },
    nl: { rate: 21, code: "NL21", name: "Netherlands BTW" },
    es: { rate: 21, code: "ES21", name: "Spain IVA" },
    it: { rate: 22, code: "IT22", name: "Italy IVA" },
    tr: { rate: 20, code: "TR20", name: "Türkiye KDV" },
  }

const SHIPPING_OPTIONS: {
  name: string
  code: string
  description: string
  prices: Prices
}[] = [
  {
    name: "Standard",
    code: "standard",
    description: "Delivered in 3-5 business days.",
    prices: { eur: 4.9, usd: 5.9, try: 149 },
  },
  {
    name: "Express",
    code: "express",
    description: "Delivered in 1-2 business days.",
    prices: { eur: 12.9, usd: 14.9, try: 399 },
  },
]

export type VariantSpec = {
  title: string
  sku: string
  options: Record<string, string>
  prices: Prices
  weight: number
  stock: number
}

export type ProductSpec = {
  title: string
  handle: string
  subtitle: string
  description: string
  option: { title: string; values: string[] }
  variants: VariantSpec[]
  metadata?: Record<string, unknown>
}

const bag = (size: "250 g" | "1 kg") => ({ Size: size })

export const PRODUCTS: ProductSpec[] = [
  {
    title: "Ethiopia Yirgacheffe",
    handle: "ethiopia-yirgacheffe",
    subtitle: "Washed heirloom · light roast",
    description:
      "Jasmine, bergamot and ripe peach. A bright, tea-like single origin from the Gedeo zone, roasted light for filter brewing.",
    option: { title: "Size", values: ["250 g", "1 kg"] },
    variants: [
      {
        title: "250 g",
        sku: "ETH-YIRG-250",
        options: bag("250 g"),
        prices: { eur: 14.5, usd: 16, try: 549 },
        weight: 250,
        stock: 120,
      },
      {
        title: "1 kg",
        sku: "ETH-YIRG-1000",
        options: bag("1 kg"),
        prices: { eur: 49, usd: 54, try: 1850 },
        weight: 1000,
        stock: 40,
      },
    ],
    metadata: { origin: "Ethiopia", roast: "light" },
  },
  {
    title: "Colombia Huila",
    handle: "colombia-huila",
    subtitle: "Washed Caturra · medium roast",
    description:
      "Red apple, panela and milk chocolate. A sweet, balanced cup from smallholders around Pitalito.",
    option: { title: "Size", values: ["250 g", "1 kg"] },
    variants: [
      {
        title: "250 g",
        sku: "COL-HUILA-250",
        options: bag("250 g"),
        prices: { eur: 13, usd: 14.5, try: 499 },
        weight: 250,
        stock: 90,
      },
      {
        // Sold out: something for back-in-stock and low-stock features to show.
        title: "1 kg",
        sku: "COL-HUILA-1000",
        options: bag("1 kg"),
        prices: { eur: 44, usd: 48, try: 1690 },
        weight: 1000,
        stock: 0,
      },
    ],
    metadata: { origin: "Colombia", roast: "medium" },
  },
  {
    title: "House Espresso Blend",
    handle: "house-espresso-blend",
    subtitle: "Brazil & Guatemala · espresso roast",
    description:
      "Hazelnut, cocoa and a caramel finish. Built for milk drinks and forgiving on home machines.",
    option: { title: "Size", values: ["250 g", "1 kg"] },
    variants: [
      {
        title: "250 g",
        sku: "ESP-HOUSE-250",
        options: bag("250 g"),
        prices: { eur: 12, usd: 13.5, try: 459 },
        weight: 250,
        stock: 150,
      },
      {
        title: "1 kg",
        sku: "ESP-HOUSE-1000",
        options: bag("1 kg"),
        prices: { eur: 39, usd: 43, try: 1490 },
        weight: 1000,
        stock: 60,
      },
    ],
    metadata: { roast: "espresso", replenish_every_days: 30 },
  },
  {
    title: "V60 Paper Filters 02",
    handle: "v60-paper-filters-02",
    subtitle: "100 unbleached cone filters",
    description:
      "Unbleached paper filters for size-02 cone drippers. A pack lasts about three months of daily brewing.",
    option: { title: "Pack", values: ["100 filters"] },
    variants: [
      {
        title: "100 filters",
        sku: "FLT-V60-100",
        options: { Pack: "100 filters" },
        prices: { eur: 6.5, usd: 7, try: 249 },
        weight: 180,
        stock: 400,
      },
    ],
    metadata: { consumable: true, replenish_every_days: 90 },
  },
  {
    title: "Descaling Tablets",
    handle: "descaling-tablets",
    subtitle: "8 tablets for espresso machines and kettles",
    description:
      "Citric-acid descaling tablets. One tablet a month keeps boilers and kettles free of scale.",
    option: { title: "Pack", values: ["8 tablets"] },
    variants: [
      {
        title: "8 tablets",
        sku: "DSC-TAB-8",
        options: { Pack: "8 tablets" },
        prices: { eur: 9.9, usd: 11, try: 379 },
        weight: 120,
        stock: 250,
      },
    ],
    metadata: { consumable: true, replenish_every_days: 240 },
  },
  {
    title: "Ceramic Pour-Over Dripper 02",
    handle: "ceramic-pour-over-dripper-02",
    subtitle: "Hand-glazed porcelain, 1-4 cups",
    description:
      "A spiral-ribbed porcelain cone that holds heat well and brews a clean, even cup.",
    option: { title: "Color", values: ["White"] },
    variants: [
      {
        title: "White",
        sku: "DRP-CER-02-WHT",
        options: { Color: "White" },
        prices: { eur: 29, usd: 32, try: 1090 },
        weight: 450,
        stock: 35,
      },
    ],
  },
  {
    title: "Hand Grinder C40",
    handle: "hand-grinder-c40",
    subtitle: "Stainless conical burrs",
    description:
      "A precise hand grinder with 39 mm stainless burrs, from Turkish-fine to French-press coarse.",
    option: { title: "Color", values: ["Matte Black"] },
    variants: [
      {
        // Almost gone: three left.
        title: "Matte Black",
        sku: "GRD-HAND-C40-BLK",
        options: { Color: "Matte Black" },
        prices: { eur: 139, usd: 155, try: 5290 },
        weight: 750,
        stock: 3,
      },
    ],
  },
]

type CustomerSpec = {
  first_name: string
  last_name: string
  email: string
  phone: string
  address: Omit<Address, "first_name" | "last_name" | "phone">
}

const CUSTOMERS: CustomerSpec[] = [
  {
    first_name: "Elif",
    last_name: "Yılmaz",
    email: "elif.yilmaz@example.com",
    phone: "+90 532 555 0112",
    address: {
      address_1: "Moda Caddesi 42",
      city: "Istanbul",
      province: "Kadıköy",
      postal_code: "34710",
      country_code: "tr",
    },
  },
  {
    first_name: "Mehmet",
    last_name: "Demir",
    email: "mehmet.demir@example.com",
    phone: "+90 533 555 0147",
    address: {
      address_1: "Tunalı Hilmi Caddesi 88",
      city: "Ankara",
      province: "Çankaya",
      postal_code: "06700",
      country_code: "tr",
    },
  },
  {
    first_name: "Zeynep",
    last_name: "Kaya",
    email: "zeynep.kaya@example.com",
    phone: "+90 535 555 0163",
    address: {
      address_1: "Kıbrıs Şehitleri Caddesi 17",
      city: "Izmir",
      province: "Konak",
      postal_code: "35220",
      country_code: "tr",
    },
  },
  {
    first_name: "Emily",
    last_name: "Carter",
    email: "emily.carter@example.com",
    phone: "+1 503 555 0142",
    address: {
      address_1: "2145 SE Division St",
      city: "Portland",
      province: "OR",
      postal_code: "97202",
      country_code: "us",
    },
  },
  {
    first_name: "James",
    last_name: "Whitfield",
    email: "james.whitfield@example.com",
    phone: "+49 30 5555 0198",
    address: {
      address_1: "Oranienstraße 24",
      city: "Berlin",
      postal_code: "10999",
      country_code: "de",
    },
  },
  {
    first_name: "Olivia",
    last_name: "Bennett",
    email: "olivia.bennett@example.com",
    phone: "+31 20 555 0176",
    address: {
      address_1: "Prinsengracht 263",
      city: "Amsterdam",
      postal_code: "1016 GV",
      country_code: "nl",
    },
  },
]

export type OrderOutcome = "delivered" | "shipped" | "canceled" | "placed"

type CartSpec = {
  label: string
  region: RegionKey
  /** A seeded customer's email, or a guest. */
  customer?: string
  guest?: { email: string; address?: Address }
  items: LineSpec[]
}

type OrderSpec = CartSpec & { shipping: string; outcome: OrderOutcome }

const ORDERS: OrderSpec[] = [
  {
    label: "Elif's filter coffee order",
    region: "tr",
    customer: "elif.yilmaz@example.com",
    items: [
      ["ETH-YIRG-250", 2],
      ["FLT-V60-100", 1],
    ],
    shipping: "Standard",
    outcome: "delivered",
  },
  {
    label: "Emily's espresso order",
    region: "us",
    customer: "emily.carter@example.com",
    items: [
      ["ESP-HOUSE-1000", 1],
      ["DSC-TAB-8", 1],
    ],
    shipping: "Express",
    outcome: "delivered",
  },
  {
    label: "Mehmet's brewing kit",
    region: "tr",
    customer: "mehmet.demir@example.com",
    items: [
      ["DRP-CER-02-WHT", 1],
      ["FLT-V60-100", 2],
    ],
    shipping: "Standard",
    outcome: "shipped",
  },
  {
    label: "James's canceled order",
    region: "eu",
    customer: "james.whitfield@example.com",
    items: [["COL-HUILA-250", 2]],
    shipping: "Standard",
    outcome: "canceled",
  },
  {
    label: "Olivia's espresso beans",
    region: "eu",
    customer: "olivia.bennett@example.com",
    items: [["ESP-HOUSE-250", 2]],
    shipping: "Express",
    outcome: "placed",
  },
  {
    label: "guest order from Bursa",
    region: "tr",
    guest: {
      email: "can.ozturk@example.com",
      address: {
        first_name: "Can",
        last_name: "Öztürk",
        phone: "+90 536 555 0185",
        address_1: "Atatürk Caddesi 51",
        city: "Bursa",
        province: "Osmangazi",
        postal_code: "16040",
        country_code: "tr",
      },
    },
    items: [["ETH-YIRG-1000", 1]],
    shipping: "Standard",
    outcome: "placed",
  },
]

const ABANDONED_CARTS: CartSpec[] = [
  {
    label: "guest cart from Munich",
    region: "eu",
    guest: {
      email: "lukas.schneider@example.com",
      address: {
        first_name: "Lukas",
        last_name: "Schneider",
        address_1: "Gabelsbergerstraße 9",
        city: "Munich",
        postal_code: "80333",
        country_code: "de",
      },
    },
    items: [
      ["ETH-YIRG-1000", 1],
      ["FLT-V60-100", 1],
    ],
  },
  {
    label: "guest cart with the last grinders",
    region: "tr",
    guest: { email: "ayse.celik@example.com" },
    items: [["GRD-HAND-C40-BLK", 1]],
  },
  {
    label: "Zeynep's cart",
    region: "tr",
    customer: "zeynep.kaya@example.com",
    items: [
      ["ESP-HOUSE-250", 1],
      ["DRP-CER-02-WHT", 1],
    ],
  },
  {
    label: "Emily's refill cart",
    region: "us",
    customer: "emily.carter@example.com",
    items: [
      ["FLT-V60-100", 2],
      ["DSC-TAB-8", 1],
    ],
  },
]

const EMPTY_CART: CartSpec = {
  label: "empty guest cart",
  region: "us",
  guest: { email: "noah.miller@example.com" },
  items: [],
}

export type SeedDemoResult = {
  seeded: boolean
  summary: Record<string, number>
}

// Workflow failures are often plain objects ({ message, type, stack }), not Error instances.
function describeError(e: unknown): string {
  if (e instanceof Error) {
    return e.message
  }
  if (typeof e === "object" && e !== null && "message" in e) {
    return String(e.message)
  }
  return String(e)
}

/** Runs one seed step; a failure names the step and says the database holds partial data. */
export async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    throw new Error(
      `Demo seed failed while ${what}: ${describeError(e)}. ` +
        "The database now holds partial demo data: reset it before seeding again.",
      { cause: e }
    )
  }
}

export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) {
    throw new Error(`${what} not found`)
  }
  return value
}

export async function seedDemoStore(
  container: MedusaContainer,
  opts: { log?: (m: string) => void } = {}
): Promise<SeedDemoResult> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve<RemoteQueryFunction>(
    ContainerRegistrationKeys.QUERY
  )
  const started = Date.now()
  const write = opts.log ?? ((m: string) => logger.info(`[demo seed] ${m}`))
  const log = (m: string) =>
    write(`${m} (${((Date.now() - started) / 1000).toFixed(1)} s)`)

  const { data: existing } = await query.graph({
    entity: "sales_channel",
    fields: ["id"],
    filters: { name: DEMO_SALES_CHANNEL_NAME },
  })
  if (existing.length > 0) {
    write(
      `demo data already present (sales channel "${DEMO_SALES_CHANNEL_NAME}" exists): nothing to do`
    )
    return { seeded: false, summary: {} }
  }

  // --- Store, sales channel, publishable key -------------------------------------------------
  const salesChannel = await step("creating the sales channel", async () => {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: {
        salesChannelsData: [
          {
            name: DEMO_SALES_CHANNEL_NAME,
            description: "Specialty coffee demo shop for the retention plugin",
          },
        ],
      },
    })
    return must(result[0], "created sales channel")
  })

  const store = await step("loading the store", async () => {
    const { data } = await query.graph({ entity: "store", fields: ["id"] })
    return must(data[0], "store (the app creates it on start-up)")
  })

  await step("setting currencies and the default sales channel", () =>
    updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "Retention Demo Coffee",
          // Shelf prices in Europe and Türkiye include VAT/KDV; US prices exclude sales tax.
          supported_currencies: [
            { currency_code: "eur", is_default: true, is_tax_inclusive: true },
            { currency_code: "usd" },
            { currency_code: "try", is_tax_inclusive: true },
          ],
          default_sales_channel_id: salesChannel.id,
        },
      },
    })
  )

  const apiKey = await step("creating the publishable API key", async () => {
    const { result } = await createApiKeysWorkflow(container).run({
      input: {
        api_keys: [
          { title: DEMO_API_KEY_TITLE, type: "publishable", created_by: "" },
        ],
      },
    })
    const key = must(result[0], "created API key")
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: key.id, add: [salesChannel.id] },
    })
    return key
  })
  log("store, sales channel and publishable API key ready")

  // --- Regions and taxes ---------------------------------------------------------------------
  const regionIds = await step("creating regions", async () => {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: REGIONS.map((r) => ({
          name: r.name,
          currency_code: r.currency_code,
          countries: r.countries,
          payment_providers: [PAYMENT_PROVIDER_ID],
        })),
      },
    })
    const ids = {} as Record<RegionKey, string>
    for (const spec of REGIONS) {
      ids[spec.key] = must(
        result.find((r) => r.name === spec.name),
        `region ${spec.name}`
      ).id
    }
    return ids
  })

  await step("setting the default region", () =>
    updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: { default_region_id: regionIds.eu },
      },
    })
  )

  const countries = REGIONS.flatMap((r) => r.countries)
  await step("creating tax regions", () =>
    createTaxRegionsWorkflow(container).run({
      input: countries.map((country_code) => {
        const rate = TAX_RATES[country_code]
        return {
          country_code,
          provider_id: TAX_PROVIDER_ID,
          ...(rate ? { default_tax_rate: rate } : {}),
        }
      }),
    })
  )
  log(
    `regions Europe, Türkiye and United States with ${countries.length} tax regions`
  )

  // --- Stock location, fulfillment, shipping options -----------------------------------------
  const location = await step("creating the Istanbul warehouse", async () => {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: "Istanbul Roastery Warehouse",
            address: {
              address_1: "Büyükdere Caddesi 185",
              city: "Istanbul",
              province: "Şişli",
              postal_code: "34394",
              country_code: "tr",
            },
          },
        ],
      },
    })
    return must(result[0], "created stock location")
  })

  await step("linking the warehouse to the manual fulfillment provider", () =>
    createLinksWorkflow(container).run({
      input: [
        {
          [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
          [Modules.FULFILLMENT]: {
            fulfillment_provider_id: FULFILLMENT_PROVIDER_ID,
          },
        },
      ],
    })
  )

  await step("linking the warehouse to the sales channel", async () => {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [salesChannel.id] },
    })
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: { default_location_id: location.id },
      },
    })
  })

  const serviceZone = await step(
    "creating the shipping fulfillment set and service zone",
    async () => {
      await createLocationFulfillmentSetWorkflow(container).run({
        input: {
          location_id: location.id,
          fulfillment_set_data: {
            name: "Istanbul Roastery shipping",
            type: "shipping",
          },
        },
      })
      const { data } = await query.graph({
        entity: "stock_location",
        fields: ["fulfillment_sets.id"],
        filters: { id: location.id },
      })
      const fulfillmentSet = must(
        data[0]?.fulfillment_sets?.[0],
        "fulfillment set of the warehouse"
      )
      const { result } = await createServiceZonesWorkflow(container).run({
        input: {
          data: [
            {
              name: "Europe, Türkiye and United States",
              fulfillment_set_id: fulfillmentSet.id,
              geo_zones: countries.map((country_code) => ({
                type: "country" as const,
                country_code,
              })),
            },
          ],
        },
      })
      return must(result[0], "created service zone")
    }
  )

  const shippingProfileId = await step(
    "finding or creating the default shipping profile",
    async () => {
      const { data } = await query.graph({
        entity: "shipping_profile",
        fields: ["id"],
        filters: { type: "default" },
      })
      if (data[0]) {
        return data[0].id
      }
      const { result } = await createShippingProfilesWorkflow(container).run({
        input: {
          data: [{ name: "Default Shipping Profile", type: "default" }],
        },
      })
      return must(result[0], "created shipping profile").id
    }
  )

  const shippingOptionIds = await step(
    "creating shipping options",
    async () => {
      const { result } = await createShippingOptionsWorkflow(container).run({
        input: SHIPPING_OPTIONS.map((o) => ({
          name: o.name,
          price_type: "flat" as const,
          provider_id: FULFILLMENT_PROVIDER_ID,
          service_zone_id: serviceZone.id,
          shipping_profile_id: shippingProfileId,
          type: { label: o.name, description: o.description, code: o.code },
          prices: currencyPrices(o.prices),
          rules: [
            {
              attribute: "enabled_in_store",
              operator: "eq" as const,
              value: "true",
            },
            { attribute: "is_return", operator: "eq" as const, value: "false" },
          ],
        })),
      })
      const ids: Record<string, string> = {}
      for (const option of result) {
        ids[option.name] = option.id
      }
      return ids
    }
  )
  log(
    `warehouse, service zone for ${countries.length} countries, shipping options ${Object.keys(shippingOptionIds).join(", ")}`
  )

  // --- Products and inventory ----------------------------------------------------------------
  const variantIds = await step("creating products", async () => {
    await createProductsWorkflow(container).run({
      input: {
        products: PRODUCTS.map((p) => ({
          title: p.title,
          handle: p.handle,
          subtitle: p.subtitle,
          description: p.description,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: shippingProfileId,
          sales_channels: [{ id: salesChannel.id }],
          options: [p.option],
          metadata: p.metadata,
          variants: p.variants.map((v) => ({
            title: v.title,
            sku: v.sku,
            options: v.options,
            weight: v.weight,
            manage_inventory: true,
            prices: currencyPrices(v.prices),
          })),
        })),
      },
    })
    const skus = PRODUCTS.flatMap((p) => p.variants.map((v) => v.sku))
    const { data } = await query.graph({
      entity: "product_variant",
      fields: ["id", "sku", "inventory_items.inventory_item_id"],
      filters: { sku: skus },
    })
    const bySku = new Map<string, { id: string; inventoryItemId: string }>()
    for (const variant of data) {
      const inventoryItemId = must(
        variant.inventory_items?.[0]?.inventory_item_id,
        `inventory item of ${variant.sku}`
      )
      bySku.set(must(variant.sku, "variant SKU"), {
        id: variant.id,
        inventoryItemId,
      })
    }
    return bySku
  })

  const variantCount = PRODUCTS.reduce((n, p) => n + p.variants.length, 0)
  await step("stocking the warehouse", () =>
    createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: PRODUCTS.flatMap((p) =>
          p.variants.map((v) => ({
            location_id: location.id,
            inventory_item_id: must(variantIds.get(v.sku), `variant ${v.sku}`)
              .inventoryItemId,
            stocked_quantity: v.stock,
          }))
        ),
      },
    })
  )
  log(`${PRODUCTS.length} products with ${variantCount} variants in stock`)

  // --- Customers -----------------------------------------------------------------------------
  const customers = await step("creating customers", async () => {
    const { result } = await createCustomersWorkflow(container).run({
      input: {
        customersData: CUSTOMERS.map((c) => ({
          first_name: c.first_name,
          last_name: c.last_name,
          email: c.email,
          phone: c.phone,
          has_account: true,
          addresses: [
            {
              ...c.address,
              first_name: c.first_name,
              last_name: c.last_name,
              phone: c.phone,
              address_name: "Home",
              is_default_shipping: true,
              is_default_billing: true,
            },
          ],
        })),
      },
    })
    const byEmail = new Map<string, { id: string; address: Address }>()
    for (const spec of CUSTOMERS) {
      const customer = must(
        result.find((c) => c.email === spec.email),
        `customer ${spec.email}`
      )
      byEmail.set(spec.email, {
        id: customer.id,
        address: {
          ...spec.address,
          first_name: spec.first_name,
          last_name: spec.last_name,
          phone: spec.phone,
        },
      })
    }
    return byEmail
  })
  log(`${customers.size} customers with accounts`)

  // --- Carts and orders ----------------------------------------------------------------------
  const createCart = async (spec: CartSpec, kind: string) => {
    const customer = spec.customer
      ? must(customers.get(spec.customer), `customer ${spec.customer}`)
      : undefined
    const email = spec.customer ?? spec.guest?.email
    const address = customer?.address ?? spec.guest?.address
    const region = must(
      REGIONS.find((r) => r.key === spec.region),
      `region ${spec.region}`
    )
    const { result } = await createCartWorkflow(container).run({
      input: {
        region_id: regionIds[spec.region],
        sales_channel_id: salesChannel.id,
        currency_code: region.currency_code,
        email,
        customer_id: customer?.id,
        shipping_address: address,
        billing_address: address,
        metadata: { retention_demo: kind },
        items: spec.items.map(([sku, quantity]) => ({
          variant_id: must(variantIds.get(sku), `variant ${sku}`).id,
          quantity,
        })),
      },
    })
    return result
  }

  const outcomes: Record<OrderOutcome, number> = {
    delivered: 0,
    shipped: 0,
    canceled: 0,
    placed: 0,
  }
  for (const spec of ORDERS) {
    await step(`placing the order "${spec.label}"`, async () => {
      const cart = await createCart(spec, "order")
      await addShippingMethodToCartWorkflow(container).run({
        input: {
          cart_id: cart.id,
          options: [
            {
              id: must(
                shippingOptionIds[spec.shipping],
                `shipping option ${spec.shipping}`
              ),
            },
          ],
        },
      })
      const { result: paymentCollection } =
        await createPaymentCollectionForCartWorkflow(container).run({
          input: { cart_id: cart.id },
        })
      await createPaymentSessionsWorkflow(container).run({
        input: {
          payment_collection_id: paymentCollection.id,
          provider_id: PAYMENT_PROVIDER_ID,
          customer_id: cart.customer_id ?? undefined,
        },
      })
      const { result: placed } = await completeCartWorkflow(container).run({
        input: { id: cart.id },
      })
      await settleOrder(container, query, placed.id, spec.outcome, location.id)
      outcomes[spec.outcome] += 1
    })
  }
  log(
    `${ORDERS.length} orders: ${outcomes.delivered} delivered, ${outcomes.shipped} shipped, ` +
      `${outcomes.canceled} canceled, ${outcomes.placed} placed`
  )

  for (const spec of ABANDONED_CARTS) {
    await step(`creating the abandoned cart "${spec.label}"`, () =>
      createCart(spec, "abandoned")
    )
  }
  await step(`creating the ${EMPTY_CART.label}`, () =>
    createCart(EMPTY_CART, "empty")
  )
  log(`${ABANDONED_CARTS.length} abandoned carts and 1 empty cart`)

  const summary: Record<string, number> = {
    currencies: 3,
    sales_channels: 1,
    publishable_api_keys: 1,
    regions: REGIONS.length,
    tax_regions: countries.length,
    stock_locations: 1,
    shipping_options: Object.keys(shippingOptionIds).length,
    products: PRODUCTS.length,
    variants: variantCount,
    customers: customers.size,
    orders: ORDERS.length,
    orders_delivered: outcomes.delivered,
    orders_shipped: outcomes.shipped,
    orders_canceled: outcomes.canceled,
    orders_placed: outcomes.placed,
    abandoned_carts: ABANDONED_CARTS.length,
    empty_carts: 1,
    duration_ms: Date.now() - started,
  }
  write(
    `done in ${(summary.duration_ms / 1000).toFixed(1)} s: ` +
      Object.entries(summary)
        .filter(([k]) => k !== "duration_ms")
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")
  )
  write(`publishable API key (x-publishable-api-key): ${apiKey.token}`)
  return { seeded: true, summary }
}

function currencyPrices(prices: Prices) {
  return CURRENCIES.map((currency_code) => ({
    currency_code,
    amount: prices[currency_code],
  }))
}

/** Moves a freshly placed order to the state the demo wants. */
export async function settleOrder(
  container: MedusaContainer,
  query: RemoteQueryFunction,
  orderId: string,
  outcome: OrderOutcome,
  locationId: string
): Promise<void> {
  if (outcome === "placed") {
    return
  }
  if (outcome === "canceled") {
    await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
    return
  }

  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "items.id",
      // An order item's quantity lives on its "detail" record: without that field the
      // graph query leaves `items.quantity` out.
      "items.detail.quantity",
      "payment_collections.payments.id",
    ],
    filters: { id: orderId },
  })
  const order = must(data[0], `order ${orderId}`)
  const items = (order.items ?? []).flatMap(
    (item: { id: string; detail?: { quantity?: unknown } } | null) => {
      if (!item) {
        return []
      }
      const quantity = Number(item.detail?.quantity)
      if (!Number.isFinite(quantity) || quantity <= 0) {
        throw new Error(`order item ${item.id} has no quantity`)
      }
      return [{ id: item.id, quantity }]
    }
  )

  // Shipped and delivered orders have been paid: capture the authorized payment.
  for (const collection of order.payment_collections ?? []) {
    const payments: ({ id: string } | null)[] = collection?.payments ?? []
    for (const payment of payments) {
      if (payment) {
        await capturePaymentWorkflow(container).run({
          input: { payment_id: payment.id },
        })
      }
    }
  }

  const { result: fulfillment } = await createOrderFulfillmentWorkflow(
    container
  ).run({ input: { order_id: orderId, items, location_id: locationId } })
  await createOrderShipmentWorkflow(container).run({
    input: {
      order_id: orderId,
      fulfillment_id: fulfillment.id,
      items,
      labels: [
        {
          tracking_number: `DEMO${orderId.slice(-8).toUpperCase()}`,
          tracking_url: "https://tracking.example.com",
          label_url: "https://tracking.example.com/label",
        },
      ],
    },
  })
  if (outcome === "delivered") {
    await markOrderFulfillmentAsDeliveredWorkflow(container).run({
      input: { orderId, fulfillmentId: fulfillment.id },
    })
  }
}

export default async function seedDemo({ container }: ExecArgs) {
  await seedDemoStore(container)
  const recovery = await prepareDemoCartRecovery(container)
  container.resolve("logger").info(`[demo seed] cart recovery: ${recovery.tracked} abandoned carts on the fast demo campaign`)
  // Six weeks of the campaign's past (closed sequences only), so its page has figures.
  await seedDemoCartRecoveryHistory(container, { log: (m) => container.resolve("logger").info(`[demo seed] ${m}`) })
  const nps = await prepareDemoNps(container)
  container.resolve("logger").info(`[demo seed] NPS: ${nps.sent} surveys in the outbox, ${nps.history} past responses on the dashboard`)
  // After NPS: the subscriptions' delivered orders keep their surveys scheduled for later.
  const subscriptions = await prepareDemoSubscriptions(container, { log: (m) => container.resolve("logger").info(`[demo seed] ${m}`) })
  if (subscriptions.live) {
    container
      .resolve("logger")
      .info(`[demo seed] subscriptions: watch Retention → Subscriptions and Orders: a renewal is due at ${subscriptions.live.next_run_at.toLocaleTimeString()} and the job (every 5 minutes) places it`)
  }
  // After every order above: their points at the orders' dates, months of loyalty history.
  await spreadDemoLoyaltyHistory(container, { log: (m) => container.resolve("logger").info(`[demo seed] ${m}`) })
  // With those points available: members' orders of the last 30 days that redeemed points (the
  // Overview's "Orders that redeemed points"), through the redeem workflow and checkout.
  await seedDemoRedemptions(container, { log: (m) => container.resolve("logger").info(`[demo seed] ${m}`) })
  // The reports read orders from the plugin's order facts: copy every order's dated state.
  await syncOrderFactsWorkflow(container).run({ input: { full: true } })
  const samples = await sendDemoSampleEmails(container)
  await recordDemoFailedEmail(container)
  container
    .resolve("logger")
    .info(`[demo seed] sample emails: ${samples.filter((r) => r.status === "sent").length} of ${samples.length} in the outbox`)
  // Last, over every order placed above: RFM segments on Retention → Customers from the first
  // open instead of after the first night.
  const { result: rfm } = await computeRfmSegmentsWorkflow(container).run({ input: { trigger: "manual" } })
  container.resolve("logger").info(`[demo seed] RFM segments: ${rfm.scored} customer scores`)
  // Frequently bought together from the same orders, so post-purchase emails show products from
  // the start instead of after the job's first hourly tick.
  const affinity = await computeProductAffinity(container)
  container.resolve("logger").info(`[demo seed] frequently bought together: ${affinity.pairs} pairs for ${affinity.products} products`)
  // Last: the lifecycle flows on the demo's clock (one customer each, emails within minutes),
  // then their history, which leaves those customers out.
  const flowLog = (m: string) => container.resolve("logger").info(`[demo seed] ${m}`)
  const { live } = await prepareDemoFlows(container, { log: flowLog })
  await seedDemoFlowHistory(container, { log: flowLog, exclude: Object.values(live) })
}
