import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"

// Switching off expired one-off codes, the same for cart recovery (retention_recovery_send) and
// the lifecycle flows (retention_flow_send). Medusa promotions have no expiry of their own, so a
// code's expiry (the one its email showed, kept on the send row) is enforced here: once past it,
// the promotion is set inactive through Medusa's workflow and the send row is marked. Repeating
// it is harmless: only rows not yet marked are read.

/** How many expired sends one run handles; the rest wait for the next tick. */
export const EXPIRED_PROMOTIONS_BATCH = 100

/** A send row carrying a code: all the engine needs of it. */
export type ExpiringSend = { id: string; promotion_id: string | null }

/** The program's send rows (each program reads and writes its own table). */
export type ExpiringSendStore = {
  // Sends matching expiredSendFilters(now), at most `take` of them.
  listExpired: (now: Date, take: number) => Promise<ExpiringSend[]>
  markDisabled: (sendIds: string[], now: Date) => Promise<unknown>
}

/** Medusa's promotions as the engine uses them (medusaPromotions below; a fake in tests). */
export type PromotionSwitch = {
  // Those of `ids` that still exist (a code the merchant deleted needs nothing more).
  existing: (ids: string[]) => Promise<string[]>
  deactivate: (ids: string[]) => Promise<unknown>
}

/** The send rows whose code is past its expiry and not yet switched off. */
export function expiredSendFilters(now: Date) {
  return { promotion_expires_at: { $lte: now }, promotion_disabled_at: null, promotion_id: { $ne: null } }
}

export async function disableExpiredPromotions(input: {
  now: Date
  sends: ExpiringSendStore
  promotions: PromotionSwitch
}): Promise<{ disabled: number }> {
  const { now, sends, promotions } = input
  const expired = await sends.listExpired(now, EXPIRED_PROMOTIONS_BATCH)
  if (!expired.length) return { disabled: 0 }
  const ids = [...new Set(expired.map((s) => s.promotion_id).filter((id): id is string => !!id))]
  const existing = await promotions.existing(ids)
  if (existing.length) await promotions.deactivate(existing)
  await sends.markDisabled(
    expired.map((s) => s.id),
    now
  )
  return { disabled: existing.length }
}

/** Medusa's promotions through Query and updatePromotionsWorkflow. */
export function medusaPromotions(container: MedusaContainer): PromotionSwitch {
  return {
    existing: async (ids) => {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "promotion", fields: ["id"], filters: { id: ids } })
      return data.map((p) => String(p.id))
    },
    deactivate: async (ids) => {
      await updatePromotionsWorkflow(container).run({
        input: { promotionsData: ids.map((id) => ({ id, status: "inactive" as const })) },
      })
    },
  }
}
