import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/**
 * Validates the plugin options a module received (every module of the plugin gets the same
 * object) and stops the store at boot with every problem named: "field: message; …".
 */
export function parsePluginOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `medusa-plugin-retention options are invalid: ${detail}`)
  }
  return parsed.data
}
