import { z } from "@medusajs/framework/zod"
import { CONSENT_TOPICS } from "../../../../modules/messaging/policy"
import { orderParam } from "../../../utils/list-order"

// Columns each list sorts by; the default is newest first.
export const SUPPRESSION_ORDER_FIELDS = ["created_at", "email", "reason", "source"] as const
export const CONSENT_LOG_ORDER_FIELDS = ["recorded_at", "email", "source"] as const

export const GetConsentQuery = z
  .object({
    email: z.email().max(320),
  })
  .strict()

export const SetConsentBody = z
  .object({
    email: z.email().max(320),
    // "all" = every marketing topic at once.
    topic: z.enum(["all", ...CONSENT_TOPICS]),
    status: z.enum(["granted", "revoked"]),
    // Why the admin changed it (e.g. "asked by phone"); stored on the consent log entry.
    note: z.string().trim().max(500).optional(),
  })
  .strict()

const listPage = {
  q: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: z.enum(["json", "csv"]).default("json"),
}

export const SuppressionsQuery = z
  .object({
    ...listPage,
    reason: z.enum(["hard_bounce", "spam_complaint", "unsubscribe", "manual"]).optional(),
    order: orderParam(SUPPRESSION_ORDER_FIELDS, "-created_at"),
  })
  .strict()

export const AddSuppressionBody = z
  .object({
    // A pasted address keeps no surrounding spaces.
    email: z.string().trim().pipe(z.email().max(320)),
    // Why the address is blocked (e.g. "asked by phone to get no marketing"); kept in the consent log.
    note: z.string().trim().max(500).optional(),
  })
  .strict()

export const LiftSuppressionBody = z
  .object({
    // Required: lifting a bounce or complaint block is a decision someone must be able to explain.
    note: z.string().trim().min(1, "say why the suppression is lifted").max(500),
  })
  .strict()

export const ConsentLogQuery = z
  .object({
    ...listPage,
    topic: z.string().trim().max(100).optional(),
    order: orderParam(CONSENT_LOG_ORDER_FIELDS, "-recorded_at"),
  })
  .strict()
