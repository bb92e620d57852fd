import { z } from "@medusajs/framework/zod"
import { webUrl } from "../../lib/web-url"

// The plugin options this module reads (every module of the plugin gets the same object).
export const npsOptionsSchema = z
  .object({
    tokenSecret: z.string().min(32, "must be at least 32 characters"),
    publicUrl: webUrl().default("http://localhost:9000"),
    // Base URL of the Medusa admin, for the order link in detractor alerts.
    adminUrl: webUrl().optional(),
    nps: z
      .object({
        // Score links keep working this long after the email.
        linkTtlDays: z.number().int().min(1).max(365).default(30),
        batchSize: z.number().int().min(1).max(5000).default(200),
      })
      .default({ linkTtlDays: 30, batchSize: 200 }),
  })
  .passthrough()

export type NpsOptions = z.output<typeof npsOptionsSchema>

export const NPS_LINK_PURPOSE = "nps-answer"
