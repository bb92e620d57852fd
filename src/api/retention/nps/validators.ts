import { z } from "@medusajs/framework/zod"
import { COMMENT_MAX } from "./strings"

// Query strings and form posts carry the score as text: only "0".."10" count, so "abc", "",
// "11" and "7.5" are refused rather than coerced.
export const scoreSchema = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : v),
  z.number({ error: "must be a whole number from 0 to 10" }).int("must be a whole number from 0 to 10").min(0, "must be a whole number from 0 to 10").max(10, "must be a whole number from 0 to 10")
)

export const ConfirmAnswer = z.object({
  token: z.string({ error: "is required" }).min(1, "is required").max(4096),
  score: scoreSchema,
  comment: z.string().max(COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`).optional(),
})
