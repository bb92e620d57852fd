import { z } from "@medusajs/framework/zod"
import { webUrl } from "../../lib/web-url"

// The plugin options this module reads (every module of the plugin gets the same object).
export const replenishmentOptionsSchema = z
  .object({
    tokenSecret: z.string().min(32, "must be at least 32 characters"),
    publicUrl: webUrl().default("http://localhost:9000"),
    replenishment: z
      .object({
        // Renewals one tick takes at most (the rest wait for the next tick).
        batchSize: z.number().int().min(1).max(5000).default(100),
        // Renewals placed at the same time within a tick (each under its own subscription lock).
        concurrency: z.number().int().min(1).max(32).default(4),
        // Reminder this many days before each renewal (0: none).
        reminderDays: z.number().int().min(0).max(30).default(3),
        // Payment retries after a failed renewal, in days after the first attempt.
        retryDays: z.array(z.number().int().min(1).max(60)).max(10).default([1, 3, 7]),
        // Out of stock: postpone a day at a time up to this many times, then skip the period.
        maxPostponements: z.number().int().min(0).max(30).default(3),
        // Links in subscription emails (skip, pause, manage) keep working this long.
        linkTtlDays: z.number().int().min(1).max(365).default(30),
        // The storefront's subscription page and payment-method page ({id}: subscription id).
        manageUrl: z.string().max(2000).default("/account/subscriptions/{id}"),
        updatePaymentUrl: z.string().max(2000).default("/account/subscriptions/{id}/payment"),
        // "Running low?" emails for customers without a subscription.
        predictions: z
          .object({
            enabled: z.boolean().default(true),
            // Send this many days before the predicted run-out.
            leadDays: z.number().int().min(0).max(30).default(3),
          })
          .default({ enabled: true, leadDays: 3 }),
      })
      .default({
        batchSize: 100,
        concurrency: 4,
        reminderDays: 3,
        retryDays: [1, 3, 7],
        maxPostponements: 3,
        linkTtlDays: 30,
        manageUrl: "/account/subscriptions/{id}",
        updatePaymentUrl: "/account/subscriptions/{id}/payment",
        predictions: { enabled: true, leadDays: 3 },
      }),
  })
  .passthrough()

export type ReplenishmentOptions = z.output<typeof replenishmentOptionsSchema>

export const SUBSCRIPTION_LINK_PURPOSE = "replenishment-subscription"
export const REORDER_LINK_PURPOSE = "replenishment-reorder"
