import { z } from "@medusajs/framework/zod"
import { SUPPORTED_LOCALES } from "../../../../emails/locales"
import { CONSENT_TOPICS } from "../../../../modules/messaging/policy"

const topicShape = Object.fromEntries(CONSENT_TOPICS.map((t) => [t, z.boolean().optional()])) as Record<
  (typeof CONSENT_TOPICS)[number],
  z.ZodOptional<z.ZodBoolean>
>

export const UpdatePreferences = z
  .object({
    // false = no marketing email at all; true = lift a global opt-out.
    all: z.boolean().optional(),
    topics: z.object(topicShape).strict().optional(),
    // The customer's email language, kept in customer.metadata.locale; null: none of their own.
    locale: z.enum(SUPPORTED_LOCALES).nullable().optional(),
  })
  .strict()

export type UpdatePreferencesBody = z.infer<typeof UpdatePreferences>
