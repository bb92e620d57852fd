import { z } from "@medusajs/framework/zod"

/**
 * Plugin option `retention`: how long the daily job `retention-prune-data` keeps bulky or
 * finished data. Validated at boot by the cart-recovery module (every module of the plugin gets
 * the same options), so a bad value stops the store with the option's name.
 */
export const dataRetentionOptionsSchema = z
  .object({
    // Stored HTML and text of a sent email are dropped this many days after it was sent (the
    // row, its status and its events stay). null keeps bodies forever.
    messageBodyDays: z.number().int().min(1).max(3650).nullable().default(30),
    // Finished cart-recovery sequences are deleted this many days after their attribution window
    // closed. At least 30, so the campaign page's 30-day chart never loses a day.
    cartRecoveryMarginDays: z.number().int().min(30).max(3650).default(30),
    // Rows per statement: each batch is its own short transaction.
    batchSize: z.number().int().min(1).max(10_000).default(500),
  })
  .default({ messageBodyDays: 30, cartRecoveryMarginDays: 30, batchSize: 500 })

export type DataRetentionOptions = z.output<typeof dataRetentionOptionsSchema>
