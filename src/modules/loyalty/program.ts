import { z } from "@medusajs/framework/zod"
import { dateTimeFormatter } from "../../lib/time-zone"

/**
 * The most points one entry, one balance or one setting may hold. Balances are 32-bit integer
 * columns (at most 2,147,483,647): anything that would pass this limit is refused with a 400
 * naming the field instead of failing in the database ("integer out of range").
 */
export const MAX_POINTS = 1_000_000_000
const maxPoints = `must be at most ${MAX_POINTS.toLocaleString("en-US")}`

const tierSchema = z.object({
  key: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, "must be lower-case letters, digits, - or _"),
  name: z.string().trim().min(1).max(60),
  // Points earned in the rolling 12 months needed to reach the tier.
  threshold: z.number().int().min(0).max(MAX_POINTS, maxPoints),
  // Earning multiplier applied to order points while in the tier.
  multiplier: z.number().min(1).max(10),
})

export const programSettingsSchema = z
  .object({
    enabled: z.boolean(),
    // Points per one major unit of money, per currency code (lower-case), e.g. { usd: 1 }.
    pointsPerCurrencyUnit: z.record(z.string().regex(/^[a-z]{3}$/, "must be a 3-letter currency code"), z.number().min(0).max(1000)),
    rounding: z.enum(["floor", "round", "ceil"]),
    signupBonus: z.number().int().min(0).max(1_000_000),
    firstOrderBonus: z.number().int().min(0).max(1_000_000),
    // Points stay pending this many days after delivery (or after the order if never delivered).
    returnWindowDays: z.number().int().min(0).max(365),
    // Credits expire this many months after they are earned; 0 = never.
    expiryMonths: z.number().int().min(0).max(120),
    // Reminder this many days before points expire.
    expiryReminderDays: z.number().int().min(1).max(90),
    // Money value of one point, in major units of the cart's currency, e.g. 0.01 = 100 pts → 1.00.
    pointValue: z.number().positive().max(1000),
    // Per-currency point value (lower-case code → value); a currency not listed uses pointValue.
    // Optional with a default so settings saved before it existed, and older clients, still load.
    pointValueByCurrency: z
      .record(z.string().regex(/^[a-z]{3}$/, "must be a lower-case 3-letter currency code"), z.number().positive().max(1000))
      .default({}),
    minRedeemPoints: z.number().int().min(1).max(MAX_POINTS, maxPoints),
    redeemStep: z.number().int().min(1).max(MAX_POINTS, maxPoints),
    // Largest share of the cart subtotal that points may pay for (0–1).
    // The admin edits it as a percentage, so the messages speak in percent.
    maxRedeemShare: z.number().min(0.01, "must be at least 1%").max(1, "must be at most 100%"),
    // A hold on an unordered cart is released (and its promotion deactivated) after this long.
    holdTtlMinutes: z.number().int().min(5).max(60 * 24 * 30),
    tiers: z.array(tierSchema).max(10),
    // Points awarded on the customer's birthday (0 = off), read from customer metadata.
    birthdayBonus: z.number().int().min(0).max(1_000_000).default(0),
    // customer.metadata key holding the birthday, "YYYY-MM-DD" or "MM-DD".
    birthdayMetadataKey: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,60}$/, "must be 1–60 letters, digits, _ . or -").default("birthday"),
    emails: z.object({
      pointsEarned: z.boolean(),
      pointsAvailable: z.boolean(),
      expiryReminder: z.boolean(),
      tierReached: z.boolean(),
    }),
  })
  .strict()
  .superRefine((value, ctx) => {
    const keys = new Set<string>()
    value.tiers.forEach((tier, i) => {
      if (keys.has(tier.key)) ctx.addIssue({ code: "custom", path: ["tiers", i, "key"], message: "must be unique" })
      keys.add(tier.key)
      if (i > 0 && tier.threshold <= value.tiers[i - 1].threshold) {
        ctx.addIssue({ code: "custom", path: ["tiers", i, "threshold"], message: "must be higher than the previous tier's" })
      }
    })
    if (value.minRedeemPoints % value.redeemStep !== 0) {
      ctx.addIssue({ code: "custom", path: ["minRedeemPoints"], message: "must be a multiple of the redemption step" })
    }
  })

export type ProgramSettings = z.infer<typeof programSettingsSchema>
export type Tier = ProgramSettings["tiers"][number]

export const DEFAULT_PROGRAM: ProgramSettings = {
  enabled: true,
  pointsPerCurrencyUnit: { usd: 1, eur: 1, try: 0.05 },
  rounding: "floor",
  signupBonus: 50,
  firstOrderBonus: 0,
  returnWindowDays: 14,
  expiryMonths: 12,
  expiryReminderDays: 14,
  pointValue: 0.01,
  pointValueByCurrency: {},
  minRedeemPoints: 100,
  redeemStep: 50,
  maxRedeemShare: 0.5,
  holdTtlMinutes: 60 * 24,
  tiers: [
    { key: "bronze", name: "Bronze", threshold: 0, multiplier: 1 },
    { key: "silver", name: "Silver", threshold: 1000, multiplier: 1.25 },
    { key: "gold", name: "Gold", threshold: 5000, multiplier: 1.5 },
  ],
  birthdayBonus: 0,
  birthdayMetadataKey: "birthday",
  emails: { pointsEarned: true, pointsAvailable: true, expiryReminder: true, tierReached: true },
}

const round = (value: number, mode: ProgramSettings["rounding"]) =>
  mode === "floor" ? Math.floor(value + 1e-9) : mode === "ceil" ? Math.ceil(value - 1e-9) : Math.round(value)

/** Points for an order: money base (major units) × rate for its currency × tier multiplier. */
export function pointsForAmount(settings: ProgramSettings, currency: string, amount: number, multiplier = 1): number {
  const rate = settings.pointsPerCurrencyUnit[currency.toLowerCase()] ?? 0
  if (!(amount > 0) || rate <= 0) return 0
  return Math.max(0, round(amount * rate * multiplier, settings.rounding))
}

/** When points credited at `earnedAt` expire (`expiryMonths` later), or null if they never do. */
export function creditExpiresAt(settings: ProgramSettings, earnedAt: Date): Date | null {
  if (settings.expiryMonths <= 0) return null
  const d = new Date(earnedAt)
  d.setUTCMonth(d.getUTCMonth() + settings.expiryMonths)
  return d
}

/** Money value of one point in a currency: its own value if set, else `pointValue`. */
export function pointValueFor(settings: ProgramSettings, currency: string | null | undefined): number {
  const own = currency ? settings.pointValueByCurrency?.[currency.toLowerCase()] : undefined
  return own && own > 0 ? own : settings.pointValue
}

/**
 * The month-day a birthday stored in customer metadata falls on, or null if the value is not
 * "YYYY-MM-DD" or "MM-DD" with a real date. 29 February is kept as "02-29".
 */
export function parseBirthday(value: unknown): { month: number; day: number } | null {
  if (typeof value !== "string") return null
  const m = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(value.trim())
  if (!m) return null
  const month = Number(m[2])
  const day = Number(m[3])
  // Checked against a leap year so 02-29 is valid; a full date must exist in its own year.
  const year = m[1] ? Number(m[1]) : 2000
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null
  return { month, day }
}

/** "MM-DD" of a month and day. */
export const monthDay = (d: { month: number; day: number }) => `${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * The "MM-DD" birthdays celebrated on a calendar date: the date itself, plus 02-29 on
 * 28 February of a non-leap year.
 */
export function birthdaysOn(date: { year: number; month: number; day: number }): string[] {
  const md = monthDay(date)
  return date.month === 2 && date.day === 28 && !isLeap(date.year) ? [md, "02-29"] : [md]
}

/** The calendar date (year, month, day) of an instant in an IANA time zone. */
export function calendarDate(now: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = dateTimeFormatter(timeZone).formatToParts(now)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get("year"), month: get("month"), day: get("day") }
}

/** The highest tier whose threshold the rolling-window points reach, and the next one. */
export function tierFor(settings: ProgramSettings, windowPoints: number): { current: Tier | null; next: Tier | null } {
  const sorted = [...settings.tiers].sort((a, b) => a.threshold - b.threshold)
  let current: Tier | null = null
  let next: Tier | null = null
  for (const tier of sorted) {
    if (windowPoints >= tier.threshold) current = tier
    else if (!next) next = tier
  }
  return { current, next }
}

/**
 * Checks a redemption request against the program rules. Returns the money value, or the
 * field and reason to put in a 400.
 */
export function checkRedemption(
  settings: ProgramSettings,
  input: { points: number; available: number; cartSubtotal: number; currency?: string | null }
): { ok: true; amount: number } | { ok: false; field: string; message: string } {
  const { points, available, cartSubtotal } = input
  const pointValue = pointValueFor(settings, input.currency)
  if (points < settings.minRedeemPoints) {
    return { ok: false, field: "points", message: `must be at least ${settings.minRedeemPoints}` }
  }
  if (points % settings.redeemStep !== 0) {
    return { ok: false, field: "points", message: `must be a multiple of ${settings.redeemStep}` }
  }
  const amount = Math.round(points * pointValue * 100) / 100
  const maxAmount = cartSubtotal * settings.maxRedeemShare
  if (amount > maxAmount + 1e-9) {
    const maxPoints = Math.floor(maxAmount / pointValue / settings.redeemStep) * settings.redeemStep
    return { ok: false, field: "points", message: `may cover at most ${Math.round(settings.maxRedeemShare * 100)}% of the cart (at most ${maxPoints} points)` }
  }
  if (points > available) {
    return { ok: false, field: "points", message: `exceeds the available balance of ${available}` }
  }
  return { ok: true, amount }
}

/**
 * Money owed if every outstanding point were redeemed (before any breakage estimate), at each
 * currency's own point value ("none": points not tied to an order, at the base point value).
 */
export function liabilityByCurrency(settings: ProgramSettings, byCurrency: { currency_code: string; points: number }[]) {
  return byCurrency.map((c) => {
    const pointValue = pointValueFor(settings, c.currency_code === "none" ? null : c.currency_code)
    return { currency_code: c.currency_code, points: c.points, point_value: pointValue, amount: Math.round(c.points * pointValue * 100) / 100 }
  })
}
