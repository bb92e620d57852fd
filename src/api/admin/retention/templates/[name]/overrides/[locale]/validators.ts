import { z } from "@medusajs/framework/zod"

export const MAX_SUBJECT_LENGTH = 300
export const MAX_MJML_BYTES = 200 * 1024

// Per part: a string replaces it, null returns it to the shipped default (so later fixes to
// the default reach a store that only edited the subject), left out keeps what is saved.
export const SaveOverrideBody = z
  .object({
    subject: z.string().max(MAX_SUBJECT_LENGTH).nullable().optional(),
    mjml: z
      .string()
      .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_MJML_BYTES, `must be at most ${MAX_MJML_BYTES / 1024} KB`)
      .nullable()
      .optional(),
  })
  .strict()
  .refine((body) => body.subject !== undefined || body.mjml !== undefined, {
    message: "give subject, mjml or both",
    path: ["subject"],
  })

export type SaveOverrideBody = z.output<typeof SaveOverrideBody>
