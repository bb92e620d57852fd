export type LoyaltyTier = { key: string; name: string; threshold: number; multiplier: number }

export type LoyaltySettings = {
  enabled: boolean
  pointsPerCurrencyUnit: Record<string, number>
  rounding: "floor" | "round" | "ceil"
  signupBonus: number
  firstOrderBonus: number
  returnWindowDays: number
  expiryMonths: number
  expiryReminderDays: number
  pointValue: number
  pointValueByCurrency: Record<string, number>
  minRedeemPoints: number
  redeemStep: number
  maxRedeemShare: number
  holdTtlMinutes: number
  tiers: LoyaltyTier[]
  birthdayBonus: number
  birthdayMetadataKey: string
  emails: { pointsEarned: boolean; pointsAvailable: boolean; expiryReminder: boolean; tierReached: boolean }
}

export type LoyaltyAccount = {
  customer_id: string
  available: number
  pending: number
  held: number
  lifetime_earned: number
  tier: string | null
}

export type LoyaltyDashboard = {
  daily: { day: string; issued: number; redeemed: number; expired: number; reversed: number }[]
  members: number
  outstanding: { available: number; pending: number; held: number }
  tiers: { tier: string | null; members: number }[]
  top: (LoyaltyAccount & { email: string | null; name: string | null })[]
  liability: { currency_code: string; points: number; point_value: number; amount: number }[]
  tier_names: Record<string, string>
}

export type LoyaltyEntry = {
  id: string
  type: string
  points: number
  status: string
  reference: string
  reference_id: string
  /** The order the points belong to (earn, bonus, reverse, redeem). */
  order_id: string | null
  /** Internal note: admin only. */
  note: string | null
  /** Shown to the customer in their points history. */
  reason: string | null
  actor: string
  created_at: string
}

export type LoyaltyTierChange = {
  id: string
  from_tier: string | null
  to_tier: string | null
  window_points: number
  created_at: string
}

/** GET /admin/retention/loyalty/customers/:id */
export type CustomerLoyalty = {
  loyalty: {
    available: number
    pending: number
    held: number
    lifetime_earned: number
    tier: { key: string; name: string; multiplier: number } | null
    progress: { window_points: number; next_tier: { name: string; threshold: number } | null; points_to_next: number }
  }
  /** What the available points are worth in the customer's currency; null when none is known. */
  value: { currency_code: string; amount: number } | null
  entries: LoyaltyEntry[]
  count: number
  tier_changes: LoyaltyTierChange[]
}

/** One row of GET /admin/retention/loyalty/members */
export type LoyaltyMember = {
  customer_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  has_account: boolean | null
  available: number
  pending: number
  held: number
  lifetime_earned: number
  tier: string | null
  tier_name: string | null
  currency_code: string | null
  available_value: number | null
  created_at: string
  updated_at: string
}

export type LoyaltyMemberList = {
  members: LoyaltyMember[]
  count: number
  limit: number
  offset: number
  order: string
  /** The program's tiers, lowest threshold first. */
  tiers: { key: string; name: string }[]
}

/** The member list's orders, as the API names them ("-available" = most first). */
export const MEMBER_ORDERS: { value: string; label: string }[] = [
  { value: "-available", label: "Most available" },
  { value: "available", label: "Least available" },
  { value: "-pending", label: "Most pending" },
  { value: "pending", label: "Least pending" },
  { value: "-lifetime_earned", label: "Most earned (lifetime)" },
  { value: "lifetime_earned", label: "Least earned (lifetime)" },
  { value: "-tier", label: "Highest tier" },
  { value: "tier", label: "Lowest tier" },
]
export const DEFAULT_MEMBER_ORDER = "-available"

/** "Ada Lovelace", else the email, else the id: how a merchant recognises a member. */
export function memberName(m: { first_name?: string | null; last_name?: string | null; email?: string | null; customer_id?: string; id?: string }): string {
  const name = [m.first_name, m.last_name].filter(Boolean).join(" ").trim()
  return name || m.email || m.customer_id || m.id || "–"
}

/** Ledger entry types as the merchant reads them. */
export const ENTRY_TYPE_LABELS: Record<string, string> = {
  earn: "Earned",
  bonus: "Bonus",
  redeem: "Redeemed",
  hold: "Held on a cart",
  release: "Hold released",
  expire: "Expired",
  adjust: "Adjusted",
  reverse: "Reversed",
}

/** What caused an entry, in words: "Order", "Return", "Refund"… (an order links separately). */
export const REFERENCE_LABELS: Record<string, string> = {
  order: "Order",
  cart: "Cart",
  signup: "Sign-up bonus",
  first_order: "First-order bonus",
  nps_response: "Survey answer",
  order_cancel_redeem: "Canceled order: redeemed points back",
  admin: "Manual adjustment",
  expiry: "Expiry",
  order_return: "Return",
  refund: "Refund",
  birthday: "Birthday",
}

export const formatPoints = (n: number) => new Intl.NumberFormat().format(n)

/** The settings form's label for each field: the API's 400 names keys ("maxRedeemShare: …"). */
export const LOYALTY_FIELD_LABELS: Record<string, string> = {
  enabled: "Program on",
  pointsPerCurrencyUnit: "Points per currency unit",
  signupBonus: "Sign-up bonus",
  firstOrderBonus: "First-order bonus",
  birthdayBonus: "Birthday bonus",
  returnWindowDays: "Return window (days)",
  expiryMonths: "Expiry (months)",
  expiryReminderDays: "Reminder (days before expiry)",
  pointValue: "Value of one point",
  pointValueByCurrency: "Value of one point per currency",
  minRedeemPoints: "Minimum redemption",
  redeemStep: "Redemption step",
  maxRedeemShare: "Maximum share of the order paid with points",
  holdTtlMinutes: "Hold time (minutes)",
  birthdayMetadataKey: "Birthday field",
  tiers: "Tiers",
}
const TIER_LABELS: Record<string, string> = { key: "Key", name: "Name", threshold: "Threshold", multiplier: "Multiplier" }

/**
 * The field an API error path belongs to and its label: "maxRedeemShare" → itself and "Maximum
 * share of the order paid with points"; "pointsPerCurrencyUnit.eur" → the rates field;
 * "tiers.1.threshold" → "Tier 2 · Threshold" (1-based, as listed).
 */
export function loyaltyField(path: string): { key: string; label: string } | null {
  const [field, index, sub] = path.split(".")
  if (field === "tiers" && index !== undefined && /^\d+$/.test(index)) {
    const tier = `Tier ${Number(index) + 1}`
    return { key: "tiers", label: sub ? `${tier} · ${TIER_LABELS[sub] ?? sub}` : tier }
  }
  return LOYALTY_FIELD_LABELS[field] ? { key: field, label: LOYALTY_FIELD_LABELS[field] } : null
}
