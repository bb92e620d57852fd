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
