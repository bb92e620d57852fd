import { z } from "@medusajs/framework/zod"
import { SUPPORTED_LOCALES } from "../../../../../../emails"
import { MAX_MJML_BYTES, MAX_SUBJECT_LENGTH, StringOverrides } from "../overrides/[locale]/validators"

export const PreviewTemplateBody = z
  .object({
    locale: z.enum(SUPPORTED_LOCALES),
    // Unsaved drafts from the editor; a part left out renders as saved (override or default).
    subject: z.string().max(MAX_SUBJECT_LENGTH).optional(),
    mjml: z
      .string()
      .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_MJML_BYTES, `must be at most ${MAX_MJML_BYTES / 1024} KB`)
      .optional(),
    strings: StringOverrides.optional(),
    // Preview on a real record instead of sample data.
    source: z
      .object({
        type: z.enum(["customer", "cart", "order"]),
        id: z.string().trim().min(1).max(100),
      })
      .strict()
      .optional(),
  })
  .strict()
