import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

// zod's default for a missing key ("expected string, received undefined")
// reads like a type bug; say what a store owner has to do instead.
function required(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? "is required" : `must be ${what}`,
  }
}

export const sendgridMarketingOptionsSchema = z.object({
  apiKey: z.string(required("a string")).trim().min(1, "is required"),
  /** Default sender; must be a verified Sender Identity in SendGrid. */
  from: z.email(required("an email address")),
  fromName: z.string().trim().min(1).optional(),
  /** SendGrid validates the request but delivers nothing. */
  sandboxMode: z.boolean().optional(),
  /** Overrides https://api.sendgrid.com/ (tests, EU residency, proxies). */
  baseUrl: z.url().optional(),
  maxAttempts: z.number().int().min(1).max(10).default(4),
  retryBaseMs: z.number().int().min(0).default(500),
  maxRetryDelayMs: z.number().int().min(0).default(30_000),
  // axios waits forever by default, and one hung socket would hold a workflow
  // step hostage.
  requestTimeoutMs: z.number().int().min(1).default(30_000),
  /** Read by the Notification Module, not by us; listed so it is allowed. */
  channels: z.array(z.string()).optional(),
})

export type SendgridMarketingOptionsInput = z.input<
  typeof sendgridMarketingOptionsSchema
>
export type SendgridMarketingOptions = z.output<
  typeof sendgridMarketingOptionsSchema
>

/** Formats zod issues as `field: problem`, so a bad medusa-config names the culprit. */
export function describeIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix?: string
): string {
  return issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)]
        .filter((part) => part !== undefined && part !== "")
        .join(".")
      return `${path || "(root)"}: ${issue.message}`
    })
    .join("; ")
}

export function parseSendgridMarketingOptions(
  options: unknown
): SendgridMarketingOptions {
  const result = sendgridMarketingOptionsSchema.safeParse(options ?? {})
  if (!result.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid options for the retention-sendgrid notification provider: ${describeIssues(result.error.issues)}`
    )
  }
  return result.data
}
