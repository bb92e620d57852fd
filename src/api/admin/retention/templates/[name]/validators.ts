import { z } from "@medusajs/framework/zod"
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from "../../../../../emails"

export const GetTemplateQuery = z
  .object({
    locale: z.enum(SUPPORTED_LOCALES).default(DEFAULT_LOCALE),
  })
  .strict()
