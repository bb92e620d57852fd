import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCampaignsWorkflow, createPromotionsWorkflow, updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { promotionCampaignName } from "../../../lib/flow-engine/promotion-campaign"
import type { RecoveryPlan } from "./plan-recovery-step"

export const ensureRecoveryPromotionStepId = "ensure-cart-recovery-promotion"

export type RecoveryPromotion = { promotion_id: string; code: string; expires_at: string; created: boolean }

type Discount = NonNullable<RecoveryPlan["discount"]>

/**
 * The one-off code of a discount step, created once through Medusa's promotion workflows: single
 * use (`limit: 1`), bound to the cart's customer (or its email for a cart without one), in a
 * Medusa campaign per recovery campaign and currency (named after the recovery campaign, found by
 * its identifier) whose spend budget caps the total discount.
 * The code is derived from (cart, step), so a retry finds the promotion made before and reuses it
 * (same code, same expiry). Expiry is kept in the promotion's metadata; the scheduler deactivates
 * expired codes. A code whose email did not go out is deactivated in the same run
 * (withdraw-unsent-recovery-promotion); the retry that sends it finds it here and turns it back
 * on, unless it has expired meanwhile.
 */
export const ensureRecoveryPromotionStep = createStep(
  ensureRecoveryPromotionStepId,
  // campaign_name: the sequence campaign's own name, for the Medusa campaign (absent: its id).
  async (input: { discount: Discount; campaign_id: string; campaign_name?: string | null; now: Date }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { discount } = input
    const find = async () => {
      const { data } = await query.graph({ entity: "promotion", fields: ["id", "code", "status", "metadata"], filters: { code: discount.code } })
      return data[0] as { id: string; code: string; status: string; metadata: Record<string, unknown> | null } | undefined
    }
    const existing = await find()
    if (existing) {
      const expiresAt = existing.metadata?.expires_at ? new Date(String(existing.metadata.expires_at)) : null
      if (existing.status !== "active" && expiresAt && expiresAt > new Date(input.now)) {
        // Withdrawn when an earlier try of this step was not sent; this try may send it.
        await updatePromotionsWorkflow(container).run({ input: { promotionsData: [{ id: existing.id, status: "active" }] } })
      }
      return new StepResponse<RecoveryPromotion>({
        promotion_id: existing.id,
        code: existing.code,
        expires_at: String(existing.metadata?.expires_at ?? new Date(input.now).toISOString()),
        created: false,
      })
    }

    const currency = discount.currency_code.toLowerCase()
    const identifier = `retention-cart-recovery:${input.campaign_id}:${currency}`
    const { data: campaigns } = await query.graph({ entity: "campaign", fields: ["id"], filters: { campaign_identifier: identifier } })
    let medusaCampaignId = (campaigns[0] as { id: string } | undefined)?.id
    if (!medusaCampaignId) {
      try {
        const { result } = await createCampaignsWorkflow(container).run({
          input: {
            campaignsData: [
              {
                name: promotionCampaignName({ name: input.campaign_name, campaignId: input.campaign_id, currencyCode: currency }),
                campaign_identifier: identifier,
                description: "One-off cart-recovery codes; the budget caps their total discount.",
                budget: discount.budget ? { type: "spend", limit: discount.budget, currency_code: currency } : undefined,
              },
            ],
          },
        })
        medusaCampaignId = result[0].id
      } catch (e) {
        // Another worker created it a moment ago (unique identifier).
        const { data } = await query.graph({ entity: "campaign", fields: ["id"], filters: { campaign_identifier: identifier } })
        medusaCampaignId = (data[0] as { id: string } | undefined)?.id
        if (!medusaCampaignId) throw e
      }
    }

    const expiresAt = new Date(new Date(input.now).getTime() + discount.expires_in_hours * 3600_000).toISOString()
    try {
      const { result } = await createPromotionsWorkflow(container).run({
        input: {
          promotionsData: [
            {
              code: discount.code,
              type: "standard",
              status: "active",
              is_automatic: false,
              limit: 1,
              campaign_id: medusaCampaignId,
              application_method: {
                type: discount.type,
                target_type: "order",
                allocation: "across",
                value: discount.value,
                currency_code: currency,
              },
              rules: [
                discount.customer_id
                  ? { attribute: "customer.id", operator: "eq", values: [discount.customer_id] }
                  : { attribute: "email", operator: "eq", values: [discount.email] },
              ],
              metadata: { source: "retention-cart-recovery", expires_at: expiresAt },
            },
          ],
        },
      })
      return new StepResponse<RecoveryPromotion>({ promotion_id: result[0].id, code: discount.code, expires_at: expiresAt, created: true })
    } catch (e) {
      const raced = await find()
      if (!raced) throw e
      return new StepResponse<RecoveryPromotion>({
        promotion_id: raced.id,
        code: raced.code,
        expires_at: String(raced.metadata?.expires_at ?? expiresAt),
        created: false,
      })
    }
  }
)
