import { z } from "@medusajs/framework/zod"
import { dataRetentionOptionsSchema } from "../../lib/data-retention-options"
import { webUrl, webUrlProblem } from "../../lib/web-url"

// The plugin options this module reads (every module of the plugin gets the same object).
export const cartRecoveryOptionsSchema = z
  .object({
    tokenSecret: z.string().min(32, "must be at least 32 characters"),
    publicUrl: webUrl().default("http://localhost:9000"),
    cartRecovery: z
      .object({
        // Where the recovery link lands: {cart_id}, {code} and {token} are filled in.
        storefrontCartUrl: z
          .string()
          .min(1)
          .superRefine((pattern, ctx) => {
            // Judged as the link it becomes, with its placeholders filled in.
            const problem = webUrlProblem(pattern.replace(/\{(cart_id|code|token)\}/g, "x"))
            if (problem) ctx.addIssue({ code: "custom", message: problem })
          })
          .optional(),
        // Recovery links keep working this long after the email.
        linkTtlDays: z.number().int().min(1).max(365).default(30),
        // Carts the scheduler handles per tick.
        batchSize: z.number().int().min(1).max(5000).default(200),
      })
      .default({ linkTtlDays: 30, batchSize: 200 }),
    // Read by the daily pruning job (messages and finished sequences); see data-retention-options.
    retention: dataRetentionOptionsSchema,
  })
  .passthrough()

export type CartRecoveryOptions = z.output<typeof cartRecoveryOptionsSchema>

export const RECOVERY_LINK_PURPOSE = "cart-recovery"
