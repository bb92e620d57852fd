import { disableExpiredPromotions, EXPIRED_PROMOTIONS_BATCH, expiredSendFilters, ExpiringSend } from "../expired-promotions"

// The shared switch-off of expired codes; each program's send rows and Medusa's promotions are
// recorders here (the real ones run in the cart-recovery and flows HTTP specs).
function fakes(expired: ExpiringSend[], live: string[]) {
  const calls = { listed: [] as { now: Date; take: number }[], marked: [] as { ids: string[]; now: Date }[], asked: [] as string[][], deactivated: [] as string[][] }
  return {
    calls,
    sends: {
      listExpired: async (now: Date, take: number) => {
        calls.listed.push({ now, take })
        return expired
      },
      markDisabled: async (ids: string[], now: Date) => {
        calls.marked.push({ ids, now })
      },
    },
    promotions: {
      existing: async (ids: string[]) => {
        calls.asked.push(ids)
        return ids.filter((id) => live.includes(id))
      },
      deactivate: async (ids: string[]) => {
        calls.deactivated.push(ids)
      },
    },
  }
}

const now = new Date("2026-03-01T12:00:00Z")

describe("disableExpiredPromotions", () => {
  it("reads only codes past their expiry, not yet switched off, in batches", async () => {
    expect(expiredSendFilters(now)).toEqual({ promotion_expires_at: { $lte: now }, promotion_disabled_at: null, promotion_id: { $ne: null } })
    const f = fakes([], [])
    await disableExpiredPromotions({ now, ...f })
    expect(f.calls.listed).toEqual([{ now, take: EXPIRED_PROMOTIONS_BATCH }])
    expect(EXPIRED_PROMOTIONS_BATCH).toBe(100)
  })

  it("does nothing when no code has expired", async () => {
    const f = fakes([], ["promo_1"])
    expect(await disableExpiredPromotions({ now, ...f })).toEqual({ disabled: 0 })
    expect(f.calls.asked).toEqual([])
    expect(f.calls.deactivated).toEqual([])
    expect(f.calls.marked).toEqual([])
  })

  it("switches off each existing promotion once and marks every expired send", async () => {
    const f = fakes(
      [
        { id: "send_1", promotion_id: "promo_1" },
        { id: "send_2", promotion_id: "promo_1" },
        { id: "send_3", promotion_id: "promo_2" },
        { id: "send_4", promotion_id: "promo_gone" },
      ],
      ["promo_1", "promo_2"]
    )
    expect(await disableExpiredPromotions({ now, ...f })).toEqual({ disabled: 2 })
    expect(f.calls.asked).toEqual([["promo_1", "promo_2", "promo_gone"]])
    expect(f.calls.deactivated).toEqual([["promo_1", "promo_2"]])
    // The send whose code the merchant deleted is marked too, so it is not read again.
    expect(f.calls.marked).toEqual([{ ids: ["send_1", "send_2", "send_3", "send_4"], now }])
  })

  it("marks the sends without calling Medusa's workflow when every code is gone", async () => {
    const f = fakes([{ id: "send_1", promotion_id: "promo_gone" }], [])
    expect(await disableExpiredPromotions({ now, ...f })).toEqual({ disabled: 0 })
    expect(f.calls.deactivated).toEqual([])
    expect(f.calls.marked).toEqual([{ ids: ["send_1"], now }])
  })
})
