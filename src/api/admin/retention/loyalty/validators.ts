import { z } from "@medusajs/framework/zod"

export const AdjustBody = z
  .object({
    // Signed: positive credits, negative debits (refused if it would overdraw the balance).
    points: z
      .number()
      .int()
      .min(-1_000_000, "must be at least -1,000,000 per adjustment")
      .max(1_000_000, "must be at most 1,000,000 per adjustment")
      .refine((v) => v !== 0, "must not be 0"),
    // Internal: why the admin made it. Shown in the admin only, never to the customer.
    note: z.string().trim().min(3, "is required (at least 3 characters)").max(500),
    // Optional customer-facing explanation: the only text the store's history shows.
    reason: z.string().trim().min(1, "must not be empty (leave it out instead)").max(200).optional(),
    // Optional client-chosen key so a double click records the adjustment once.
    idempotency_key: z.string().trim().min(8).max(100).optional(),
  })
  .strict()

export const LedgerQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export const DashboardQuery = z.object({ days: z.coerce.number().int().min(1).max(730).default(90) }).strict()

// "-available" = most available points first, as Medusa's admin API writes `order`.
export const MEMBER_ORDERS = [
  "available",
  "-available",
  "pending",
  "-pending",
  "lifetime_earned",
  "-lifetime_earned",
  "tier",
  "-tier",
] as const

export const MembersQuery = z
  .object({
    // Part of the email or name, or a customer id.
    q: z.string().trim().max(200).optional(),
    // A tier key from the settings, or "none" for members without a tier.
    tier: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,40}$/, "must be a tier key (lower-case letters, digits, - or _) or none")
      .optional(),
    order: z.enum(MEMBER_ORDERS).default("-available"),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
