import { z } from "@medusajs/framework/zod"
import { describeIssues } from "./options"

// Both providers read the same keys from `notification.data`, so the local
// outbox records exactly what SendGrid would have received.

/** SendGrid rejects a message with more categories than this. */
export const MAX_CATEGORIES = 10
/** SendGrid's limit for the serialized custom_args of one message. */
export const MAX_CUSTOM_ARGS_BYTES = 10_000

// RFC 5322 field-name: printable ASCII except the colon.
const HEADER_NAME = /^[!-9;-~]+$/
// A line break in a header value would let a template inject headers.
const SINGLE_LINE = /^[^\r\n]*$/
// One local-part character before the "@" is enough to call it an address,
// and not repeating that class keeps the scan linear on long values.
const EMAIL_LIKE = /[^\s@<>"'(),;:]@[^\s@<>"'(),;:]+\.[a-z]{2,}/i

const emailDataSchema = z.object({
  headers: z
    .record(
      z.string().regex(HEADER_NAME),
      z.string().regex(SINGLE_LINE, "must not contain line breaks")
    )
    .nullish(),
  categories: z.array(z.string()).nullish(),
  custom_args: z
    .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]))
    .nullish(),
  reply_to: z.email().nullish(),
  from_name: z.string().trim().min(1).nullish(),
})

/** The keys of `notification.data` the retention providers understand. */
export type MarketingEmailDataInput = z.input<typeof emailDataSchema>

export type MarketingEmailData = {
  headers: Record<string, string>
  categories: string[]
  customArgs: Record<string, string>
  replyTo?: string
  fromName?: string
}

export type MarketingEmailDataResult =
  | { ok: true; value: MarketingEmailData; warnings: string[] }
  | { ok: false; error: string }

export function looksLikeEmailAddress(value: string): boolean {
  return EMAIL_LIKE.test(value)
}

/**
 * Reads and cleans the email extras from `notification.data`; other keys
 * (template variables) are ignored. Categories and custom args are stored by
 * SendGrid as non-PII, so values that look like an email address are dropped
 * with a warning rather than leaked; dropping a label never justifies failing
 * the send, while malformed headers or oversized custom args do.
 */
export function parseMarketingEmailData(
  data: unknown
): MarketingEmailDataResult {
  const parsed = emailDataSchema.safeParse(data ?? {})
  if (!parsed.success) {
    return {
      ok: false,
      error: describeIssues(parsed.error.issues, "data"),
    }
  }
  const input = parsed.data
  const warnings: string[] = []

  const categories: string[] = []
  for (const raw of input.categories ?? []) {
    const category = raw.trim()
    if (!category || categories.includes(category)) {
      continue
    }
    if (looksLikeEmailAddress(category)) {
      warnings.push(
        "data.categories: dropped a category that looks like an email address (SendGrid stores categories as non-PII)"
      )
      continue
    }
    categories.push(category)
  }
  if (categories.length > MAX_CATEGORIES) {
    warnings.push(
      `data.categories: kept the first ${MAX_CATEGORIES} of ${categories.length} categories (SendGrid's limit)`
    )
    categories.length = MAX_CATEGORIES
  }

  const customArgs: Record<string, string> = {}
  for (const [key, raw] of Object.entries(input.custom_args ?? {})) {
    const value = String(raw)
    if (looksLikeEmailAddress(key) || looksLikeEmailAddress(value)) {
      warnings.push(
        `data.custom_args.${looksLikeEmailAddress(key) ? "(key)" : key}: dropped because it looks like an email address (SendGrid stores custom args as non-PII)`
      )
      continue
    }
    customArgs[key] = value
  }
  const customArgsBytes = Buffer.byteLength(JSON.stringify(customArgs))
  if (customArgsBytes >= MAX_CUSTOM_ARGS_BYTES) {
    return {
      ok: false,
      error: `data.custom_args: ${customArgsBytes} bytes, SendGrid accepts less than ${MAX_CUSTOM_ARGS_BYTES}`,
    }
  }

  return {
    ok: true,
    value: {
      headers: { ...(input.headers ?? {}) },
      categories,
      customArgs,
      replyTo: input.reply_to ?? undefined,
      fromName: input.from_name ?? undefined,
    },
    warnings,
  }
}
