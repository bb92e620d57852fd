import { z } from "@medusajs/framework/zod"

// The plugin options this module reads (every module of the plugin gets the same object).
export const flowsOptionsSchema = z
  .object({
    // Keys the flows' one-off discount codes (an HMAC of flow, customer and step).
    tokenSecret: z.string().min(32, "must be at least 32 characters"),
    flows: z
      .object({
        // Entries the scheduler handles per tick.
        batchSize: z.number().int().min(1).max(5000).default(200),
      })
      .default({ batchSize: 200 }),
  })
  .passthrough()

export type FlowsOptions = z.output<typeof flowsOptionsSchema>
