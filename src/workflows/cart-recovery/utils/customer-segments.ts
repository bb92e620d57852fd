import type { MedusaContainer } from "@medusajs/framework/types"
import { RETENTION_SEGMENTS_MODULE } from "../../../modules/customer-segments"
import type { CustomerSegmentsModuleService } from "../../../modules/customer-segments"

/** The cart customer's RFM segments in the cart's currency, for a campaign's segment filter. */
export async function customerSegments(container: Pick<MedusaContainer, "resolve">, customerId: string | null | undefined, currency: string): Promise<string[]> {
  if (!customerId) return []
  const segments: CustomerSegmentsModuleService = container.resolve(RETENTION_SEGMENTS_MODULE)
  return segments.segmentsOf({ customer_id: customerId, currency_code: currency })
}
