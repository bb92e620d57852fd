import { z } from "@medusajs/framework/zod"
import { SUPPORTED_LOCALES } from "../../../../../../emails"

export const SendTestBody = z
  .object({
    to: z.email().max(320),
    locale: z.enum(SUPPORTED_LOCALES),
  })
  .strict()
