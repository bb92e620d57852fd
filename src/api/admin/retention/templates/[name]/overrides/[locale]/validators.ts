import { z } from "@medusajs/framework/zod"

export const MAX_SUBJECT_LENGTH = 300
export const MAX_MJML_BYTES = 200 * 1024
export const MAX_STRING_LENGTH = 2000

// The merchant's wording of a template's `{{t.key}}` strings: key → text. Which keys the
// template has is checked when it compiles (an unknown key is refused with its name).
export const StringOverrides = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, "must be a string key such as heading"), z.string().max(MAX_STRING_LENGTH))
  .refine((v) => Object.keys(v).length <= 100, "at most 100 strings")

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
    // The whole set of reworded strings of this locale ({} or null: all as shipped).
    strings: StringOverrides.nullable().optional(),
  })
  .strict()
  .refine((body) => body.subject !== undefined || body.mjml !== undefined || body.strings !== undefined, {
    message: "give subject, mjml, strings or a combination",
    path: ["subject"],
  })

export type SaveOverrideBody = z.output<typeof SaveOverrideBody>

export const OverrideHistoryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
