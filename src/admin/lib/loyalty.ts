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
  /** Internal note: admin only. */
  note: string | null
  /** Shown to the customer in their points history. */
  reason: string | null
  actor: string
  created_at: string
}

export type CustomerLoyalty = {
  loyalty: {
    available: number
    pending: number
    held: number
    lifetime_earned: number
    tier: { key: string; name: string; multiplier: number } | null
    progress: { window_points: number; next_tier: { name: string; threshold: number } | null; points_to_next: number }
  }
  entries: LoyaltyEntry[]
  count: number
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
