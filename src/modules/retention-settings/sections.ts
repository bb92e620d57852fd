import { z } from "@medusajs/framework/zod"
import { clockTime as clock, isValidTimeZone } from "../../lib/time-zone"
import { webUrl } from "../../lib/web-url"

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1a2b3c")
const timeZone = z.string().refine((zone) => isValidTimeZone(zone), "must be an IANA time zone such as Europe/Istanbul")

// Checked per key so that a 400 names the offending country (zod's own key error does not).
const countryLocales = z.record(z.string(), z.enum(["en", "tr"])).superRefine((map, ctx) => {
  for (const country of Object.keys(map)) {
    if (!/^[a-z]{2}$/.test(country)) {
      ctx.addIssue({ code: "custom", path: [country], message: "must be an ISO 3166-1 alpha-2 country code in lower case, such as tr" })
    }
  }
})

export const brandSchema = z.object({
  storeName: z.string().trim().min(1).max(120),
  fromName: z.string().trim().min(1).max(120),
  fromEmail: z.email(),
  replyTo: z.email().nullable(),
  logoUrl: webUrl().nullable(),
  // A web font for the emails (none by default: system fonts, no third party told of an open):
  // the family goes first in the font stack, the stylesheet (e.g. a Google Fonts css2 URL) is
  // linked. The family is written into CSS, so only letters, digits, spaces and hyphens.
  webFont: z
    .object({
      family: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,59}$/, "must be a font family name: letters, digits, spaces or -"),
      url: webUrl(),
    })
    .nullable()
    .default(null),
  primaryColor: hexColor,
  textColor: hexColor,
  backgroundColor: hexColor,
  // Postal address printed in every marketing email's footer (CAN-SPAM requires one).
  storeAddress: z.string().trim().min(1).max(500),
  storefrontUrl: webUrl(),
  defaultLocale: z.enum(["en", "tr"]),
  // Email language by the recipient's country (ISO 3166-1 alpha-2, lower case), used when the
  // customer has stored no language of their own; see src/lib/email-locale.ts. Defaulted so
  // that a whole brand object from before this setting still validates.
  countryLocales: countryLocales.default({ tr: "tr" }),
  // Store time zone, used for quiet hours when the recipient's own is unknown.
  timezone: timeZone,
})

export const consentSchema = z.object({
  // opt_out: marketing may be sent until the person opts out (CAN-SPAM style).
  // opt_in: only with recorded consent for the topic (GDPR / Turkish İYS style).
  policy: z.enum(["opt_out", "opt_in"]),
  maxMarketingPerDay: z.number().int().min(0).max(100),
  maxMarketingPerWeek: z.number().int().min(0).max(500),
  quietHoursEnabled: z.boolean(),
  quietHoursStart: clock,
  quietHoursEnd: clock,
})

const npsText = z.string().trim().min(1).max(500)

// Post-delivery NPS surveys.
export const npsSchema = z.object({
  enabled: z.boolean(),
  // Days after the first delivery before the survey goes out.
  delayDays: z.number().int().min(0).max(60),
  // A person gets at most one survey in this many days; later ones are skipped as throttled.
  throttleDays: z.number().int().min(0).max(365),
  // Email question per locale; {storeName} is replaced with the brand's store name.
  question: z.object({ en: npsText, tr: npsText }),
  // Prompt above the comment box on the thank-you page.
  followUp: z.object({ en: npsText, tr: npsText }),
  // Who receives detractor alerts; empty: no alerts.
  alertEmails: z.array(z.email()).max(20),
  // Public review page shown to promoters after they answer.
  reviewUrl: webUrl().nullable(),
  // When set, score links redirect here (with score and token) instead of the built-in page.
  redirectUrl: webUrl().nullable(),
  // Loyalty points for a confirmed answer (once per survey, when the loyalty program is on
  // and the customer has an account); 0 = off.
  loyaltyPointsPerResponse: z.number().int().min(0).max(100_000),
})

// Subscriptions: the "running low?" emails to customers without a subscription.
export const replenishmentSchema = z.object({
  predictionsEnabled: z.boolean(),
  // Days before the predicted run-out the email goes out.
  predictionLeadDays: z.number().int().min(0).max(30),
})

export const SECTION_SCHEMAS = {
  brand: brandSchema,
  consent: consentSchema,
  nps: npsSchema,
  replenishment: replenishmentSchema,
} as const

export type SectionName = keyof typeof SECTION_SCHEMAS
export type SectionValues<S extends SectionName> = z.infer<(typeof SECTION_SCHEMAS)[S]>
export type AllSectionValues = { [S in SectionName]: SectionValues<S> }

export const SECTION_NAMES = Object.keys(SECTION_SCHEMAS) as SectionName[]

export function isSectionName(value: string): value is SectionName {
  return Object.prototype.hasOwnProperty.call(SECTION_SCHEMAS, value)
}

export const BUILT_IN_DEFAULTS: AllSectionValues = {
  brand: {
    storeName: "My Store",
    fromName: "My Store",
    fromEmail: "hello@example.com",
    replyTo: null,
    logoUrl: null,
    webFont: null,
    primaryColor: "#111827",
    textColor: "#1f2937",
    backgroundColor: "#f3f4f6",
    storeAddress: "Set your postal address in Retention → Settings",
    storefrontUrl: "http://localhost:8000",
    defaultLocale: "en",
    countryLocales: { tr: "tr" },
    timezone: "UTC",
  },
  consent: {
    policy: "opt_out",
    maxMarketingPerDay: 2,
    maxMarketingPerWeek: 5,
    quietHoursEnabled: true,
    quietHoursStart: "21:00",
    quietHoursEnd: "08:00",
  },
  nps: {
    enabled: true,
    delayDays: 3,
    throttleDays: 90,
    question: {
      en: "How likely are you to recommend {storeName} to a friend or colleague?",
      tr: "{storeName} mağazasını bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir?",
    },
    followUp: {
      en: "Thank you! What is the main reason for your score?",
      tr: "Teşekkürler! Bu puanı vermenizin ana nedeni nedir?",
    },
    alertEmails: [],
    reviewUrl: null,
    redirectUrl: null,
    loyaltyPointsPerResponse: 0,
  },
  replenishment: {
    predictionsEnabled: true,
    predictionLeadDays: 3,
  },
}

/**
 * The sender handed to the email provider with each email: Brand → From address and From name
 * as saved. The built-in placeholders (example.com is reserved, nothing can send from it) count
 * as none set, so the provider's own `from`/`fromName` options are used until the merchant
 * enters their own: a store that configured only its SendGrid sender keeps sending from it.
 */
export function brandSender(brand: Pick<SectionValues<"brand">, "fromEmail" | "fromName">): {
  email: string | undefined
  name: string | undefined
} {
  const placeholder = BUILT_IN_DEFAULTS.brand
  return {
    email: brand.fromEmail === placeholder.fromEmail ? undefined : brand.fromEmail,
    name: brand.fromName === placeholder.fromName ? undefined : brand.fromName,
  }
}

/** Plugin options, validated once where they enter (the module constructor). */
export const pluginOptionsSchema = z
  .object({
    brand: brandSchema.partial().optional(),
    consent: consentSchema.partial().optional(),
  })
  .passthrough()

export type RetentionPluginOptions = z.input<typeof pluginOptionsSchema>

/** Turns a zod error into "field: message; field: message" for a 400 response. */
export function describeZodError(error: z.ZodError, prefix = ""): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".")
      return `${path || "body"}: ${issue.message}`
    })
    .join("; ")
}
