import { z } from "@medusajs/framework/zod"
import { CONSENT_TOPICS } from "../../../../modules/messaging/policy"

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
