import { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { AccountRow, LoyaltyModuleService } from "../../../../modules/loyalty"
import { tierFor } from "../../../../modules/loyalty/program"

/** The logged-in customer: every loyalty route works on this id only, never one from input. */
export function customerId(req: AuthenticatedMedusaRequest): string {
  const id = req.auth_context?.actor_id
  if (!id) throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "log in as a customer")
  return id
}

/** Balances, tier and progress to the next tier, as the store and the admin widget show them. */
export async function loyaltySummary(loyalty: LoyaltyModuleService, id: string, now = new Date()) {
  const [balance, settings, windowPoints] = await Promise.all([
    loyalty.getBalance(id),
    loyalty.getProgram(),
    loyalty.getWindowPoints(id, now),
  ])
  const { next } = tierFor(settings, windowPoints)
  const tier = settings.tiers.find((t) => t.key === balance.tier) ?? null
  return {
    customer_id: id,
    available: balance.available,
    pending: balance.pending,
    held: balance.held,
    lifetime_earned: balance.lifetime_earned,
    point_value: settings.pointValue,
    // Currencies whose point value differs from point_value (a cart in one of them uses it).
    point_value_by_currency: settings.pointValueByCurrency,
    tier: tier ? { key: tier.key, name: tier.name, multiplier: tier.multiplier } : null,
    progress: {
      window_points: windowPoints,
      next_tier: next ? { key: next.key, name: next.name, threshold: next.threshold } : null,
      points_to_next: next ? Math.max(0, next.threshold - windowPoints) : 0,
    },
  }
}

export type LoyaltySummary = Awaited<ReturnType<typeof loyaltySummary>>
export type { AccountRow }
