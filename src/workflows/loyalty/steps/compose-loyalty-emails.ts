import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { tierFor } from "../../../modules/loyalty/program"
import type { LoyaltyEmail } from "./send-loyalty-emails"

export const composeLoyaltyEmailsStepId = "compose-loyalty-emails"

export type ComposeLoyaltyEmailsInput = {
  customer_id: string | null
  // Points just earned on an order (pending) or made available; 0 = no such email.
  earned?: { order_id: string; points: number; pending_until?: string | Date | null; display_id?: number | null }
  available?: { order_id: string; points: number }
  tier?: { changed: boolean; from: string | null; to: string | null; window_points: number; change_id?: string | null }
}

/** Which loyalty emails a change calls for, as the program's email switches allow. */
export const composeLoyaltyEmailsStep = createStep(
  composeLoyaltyEmailsStepId,
  async (input: ComposeLoyaltyEmailsInput, { container }) => {
    if (!input.customer_id) return new StepResponse({ emails: [] as LoyaltyEmail[] })
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const [settings, balance] = await Promise.all([loyalty.getProgram(), loyalty.getBalance(input.customer_id)])
    const customerId = input.customer_id
    const emails: LoyaltyEmail[] = []
    const windowPoints = input.tier?.window_points ?? (await loyalty.getWindowPoints(customerId, new Date()))
    const { current, next } = tierFor(settings, windowPoints)
    if (input.earned && input.earned.points > 0 && settings.emails.pointsEarned) {
      emails.push({
        key: `loyalty:earned:${input.earned.order_id}`,
        template: "loyalty-points-earned",
        customer_id: customerId,
        data: {
          pointsEarned: input.earned.points,
          balance: balance.available + balance.pending,
          pendingUntil: input.earned.pending_until ? new Date(input.earned.pending_until).toISOString() : undefined,
          orderDisplayId: input.earned.display_id ? String(input.earned.display_id) : undefined,
          tierName: current?.name,
          nextTierName: next?.name,
          pointsToNextTier: next ? Math.max(0, next.threshold - windowPoints) : undefined,
        },
      })
    }
    if (input.available && input.available.points > 0 && settings.emails.pointsAvailable) {
      emails.push({
        key: `loyalty:available:${input.available.order_id}`,
        template: "loyalty-points-available",
        customer_id: customerId,
        data: { points: input.available.points, balance: balance.available },
      })
    }
    const reached = input.tier?.changed && input.tier.to ? settings.tiers.find((t) => t.key === input.tier?.to) : null
    // Only an upward move is "reached"; dropping a tier is recorded but not emailed.
    const fromTier = settings.tiers.find((t) => t.key === input.tier?.from)
    // Joining the program puts everyone in the entry (lowest) tier: nothing was reached, so a
    // first tier that is the entry tier is recorded but not emailed.
    const entryThreshold = Math.min(...settings.tiers.map((t) => t.threshold))
    const joinedEntryTier = !input.tier?.from && reached?.threshold === entryThreshold
    if (reached && settings.emails.tierReached && (!fromTier || reached.threshold > fromTier.threshold) && !joinedEntryTier) {
      emails.push({
        // One email per recorded rise: a customer who drops and climbs back is welcomed again.
        key: input.tier?.change_id ? `loyalty:tier:${input.tier.change_id}` : `loyalty:tier:${customerId}:${reached.key}`,
        template: "loyalty-tier-reached",
        customer_id: customerId,
        data: {
          tierName: reached.name,
          multiplier: reached.multiplier,
          nextTierName: next?.name,
          pointsToNextTier: next ? Math.max(0, next.threshold - windowPoints) : undefined,
        },
      })
    }
    return new StepResponse({ emails })
  }
)
