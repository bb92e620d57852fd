import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

/**
 * Parses a request body or query with a zod schema. Failures become one 400 whose message
 * names every offending field (`limit: Too big…; topic: Invalid option…`), like the settings
 * routes do, so the admin can point at the field.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = "body"): z.output<T> {
  const result = schema.safeParse(value ?? {}, {
    // zod's "expected string, received undefined" reads like a type bug; say what is missing.
    error: (issue) => (issue.input === undefined ? "is required" : undefined),
  })
  if (result.success) {
    return result.data
  }
  const message = result.error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".")
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => `${path ? `${path}.` : ""}${key}: unknown field`).join("; ")
      }
      if (issue.code === "invalid_key") {
        // zod says "Invalid key in record" at <record>.<key>: name the record and say what is
        // wrong with the key, e.g. `pointsPerCurrencyUnit: "05" must be a 3-letter currency code`.
        const key = String(issue.path[issue.path.length - 1])
        const record = issue.path.slice(0, -1).map(String).join(".")
        const why = issue.issues.map((i) => i.message).join(", ") || "is not allowed here"
        return `${record || what}: "${key}" ${why}`
      }
      return `${path || what}: ${issue.message}`
    })
    .join("; ")
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

// The log's list views never load the rendered bodies or template data: a page of 100 rows
// would otherwise carry megabytes of HTML.
export const MESSAGE_LIST_FIELDS = [
  "id",
  "idempotency_key",
  "topic",
  "category",
  "template",
  "locale",
  "to_email",
  "customer_id",
  "campaign_id",
  "status",
  "status_reason",
  "deferred_until",
  "next_attempt_at",
  "first_failed_at",
  "subject",
  "provider_id",
  "dispatch",
  "provider_message_id",
  "attempts",
  "last_error",
  "sent_at",
  "delivered_at",
  "opened_at",
  "clicked_at",
  "created_at",
  "updated_at",
]
