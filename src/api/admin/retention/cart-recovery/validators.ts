import { z } from "@medusajs/framework/zod"
import { SUPPORTED_LOCALES } from "../../../../emails"
import { stepSchema } from "../../../../modules/cart-recovery/campaign-config"
import { orderParam } from "../../../utils/list-order"

export { createCampaignSchema as CreateCampaignBody, updateCampaignSchema as UpdateCampaignBody } from "../../../../modules/cart-recovery/campaign-config"

// Columns the tracked carts sort by: last activity (the default, newest first), email, cart value.
export const CART_ORDER_FIELDS = ["last_activity_at", "email", "value"] as const

export const ListCartsQuery = z
  .object({
    campaign_id: z.string().min(1).optional(),
    status: z.enum(["active", "abandoned", "emailed", "recovered", "converted", "expired", "opted_out"]).optional(),
    customer_id: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
    // Part of the cart's email or of its customer's name, any case.
    q: z.string().trim().max(320).optional(),
    order: orderParam(CART_ORDER_FIELDS, "-last_activity_at"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

const stepEmailFields = {
  // 1-based step of the campaign to preview.
  step: z.number().int().min(1).max(10),
  // An unsaved draft of that step from the editor; else the saved step.
  draft: stepSchema.optional(),
  // A tracked cart to render; else the most recently active tracked cart.
  cart_id: z.string().min(1).max(100).optional(),
}

export const PreviewStepBody = z
  .object({
    ...stepEmailFields,
    locale: z.enum(SUPPORTED_LOCALES).default("en"),
  })
  .strict()

// The step as its preview shows it, sent to an admin's address as a test.
export const SendStepTestBody = z
  .object({
    ...stepEmailFields,
    locale: z.enum(SUPPORTED_LOCALES),
    to: z.email().max(320),
  })
  .strict()
