import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { tierFor } from "../../../modules/loyalty/program"
import type { ProgramSettings, Tier } from "../../../modules/loyalty/program"
import type { LoyaltyEmail } from "./send-loyalty-emails"

export const composeLoyaltyEmailsStepId = "compose-loyalty-emails"

export type ComposeLoyaltyEmailsInput = {
  customer_id: string | null
  // Points just earned on an order (pending) or made available; 0 = no such email.
  earned?: { order_id: string; points: number; pending_until?: string | Date | null; display_id?: number | null }
  available?: { order_id: string; points: number }
  tier?: { changed: boolean; from: string | null; to: string | null; window_points: number; change_id?: string | null }
}

/**
 * The tier a change reached, when it calls for the news (the "tier reached" email switch is on):
 * only an upward move counts, and joining the program in the entry (lowest) tier is not news.
 */
export function reachedTier(settings: ProgramSettings, tier: ComposeLoyaltyEmailsInput["tier"]): Tier | null {
  if (!settings.emails.tierReached || !tier?.changed || !tier.to) return null
  const reached = settings.tiers.find((t) => t.key === tier.to)
  if (!reached) return null
  // Dropping a tier is recorded but not emailed.
  const fromTier = settings.tiers.find((t) => t.key === tier.from)
  if (fromTier && reached.threshold <= fromTier.threshold) return null
  // Everyone starts in the entry tier: a first tier that is the entry tier is recorded only. A
  // member moved back up into a tier the merchant has since made the entry tier is welcomed.
  const entryThreshold = Math.min(...settings.tiers.map((t) => t.threshold))
  if (!tier.from && reached.threshold === entryThreshold) return null
  return reached
}

/**
 * Which loyalty emails a change calls for, as the program's email switches allow: one email per
 * event, so an order that earns points and lifts the tier sends one "points earned" email that
 * carries the tier news (its key stays `loyalty:earned:<order>`).
 */
export const composeLoyaltyEmailsStep = createStep(
  composeLoyaltyEmailsStepId,
  async (input: ComposeLoyaltyEmailsInput, { container }) => {
    if (!input.customer_id) return new StepResponse({ emails: [] as LoyaltyEmail[] })
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const [settings, balance] = await Promise.all([loyalty.getProgram(), loyalty.getBalance(input.customer_id)])
    const windowPoints = input.tier?.window_points ?? (await loyalty.getWindowPoints(input.customer_id, new Date()))
    return new StepResponse({ emails: composeLoyaltyEmails(settings, balance, windowPoints, { ...input, customer_id: input.customer_id }) })
  }
)

/** The emails for a change, from the program, the balance after it and the rolling-window points. */
export function composeLoyaltyEmails(
  settings: ProgramSettings,
  balance: { available: number; pending: number },
  windowPoints: number,
  input: ComposeLoyaltyEmailsInput & { customer_id: string }
): LoyaltyEmail[] {
  const customerId = input.customer_id
  const emails: LoyaltyEmail[] = []
  const { current, next } = tierFor(settings, windowPoints)
  const pointsToNextTier = next ? Math.max(0, next.threshold - windowPoints) : undefined
  const reached = reachedTier(settings, input.tier)
  const earned = input.earned && input.earned.points > 0 && settings.emails.pointsEarned ? input.earned : null
  if (earned) {
    emails.push({
      key: `loyalty:earned:${earned.order_id}`,
      template: "loyalty-points-earned",
      customer_id: customerId,
      data: {
        pointsEarned: earned.points,
        balance: balance.available + balance.pending,
        availablePoints: balance.available,
        pendingPoints: balance.pending,
        pendingUntil: earned.pending_until ? new Date(earned.pending_until).toISOString() : undefined,
        orderDisplayId: earned.display_id ? String(earned.display_id) : undefined,
        tierName: current?.name,
        nextTierName: next?.name,
        pointsToNextTier,
        // One event, one email: a tier this order reached is announced here, not apart.
        ...(reached ? { reachedTierName: reached.name, reachedTierMultiplier: reached.multiplier } : {}),
      },
    })
  }
  if (input.available && input.available.points > 0 && settings.emails.pointsAvailable) {
    emails.push({
      key: `loyalty:available:${input.available.order_id}`,
      template: "loyalty-points-available",
      customer_id: customerId,
      data: { points: input.available.points, balance: balance.available, pendingPoints: balance.pending },
      // The spendable balance's money value, in the currency of the customer's latest order.
      values: { balanceValue: balance.available },
    })
  }
  // A tier reached without a points email of the same event (a daily re-evaluation, or the
  // points email switched off) still gets its own email.
  if (reached && !earned) {
    emails.push({
      // One email per recorded rise: a customer who drops and climbs back is welcomed again.
      key: input.tier?.change_id ? `loyalty:tier:${input.tier.change_id}` : `loyalty:tier:${customerId}:${reached.key}`,
      template: "loyalty-tier-reached",
      customer_id: customerId,
      data: {
        tierName: reached.name,
        multiplier: reached.multiplier,
        nextTierName: next?.name,
        pointsToNextTier,
      },
    })
  }
  return emails
}
