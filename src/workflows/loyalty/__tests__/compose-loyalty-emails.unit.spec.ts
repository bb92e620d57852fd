import { DEFAULT_PROGRAM } from "../../../modules/loyalty/program"
import { composeLoyaltyEmails, reachedTier } from "../steps/compose-loyalty-emails"
import { pointsMoneyValue } from "../steps/send-loyalty-emails"

// Default tiers: Bronze 0 (entry), Silver 1,000 (×1.25), Gold 5,000 (×1.5).
const program = DEFAULT_PROGRAM
const order = { order_id: "order_1", points: 1200, pending_until: "2030-07-14T00:00:00.000Z" }
const toSilver = { changed: true, from: "bronze", to: "silver", window_points: 1200, change_id: "tc_1" }

describe("composeLoyaltyEmails: one email per event", () => {
  it("an order that earns points and reaches a tier sends one 'points earned' email carrying the tier", () => {
    const emails = composeLoyaltyEmails(program, { available: 0, pending: 1200 }, 1200, {
      customer_id: "cus_1",
      earned: order,
      tier: toSilver,
    })
    expect(emails).toEqual([
      {
        key: "loyalty:earned:order_1",
        template: "loyalty-points-earned",
        customer_id: "cus_1",
        data: {
          pointsEarned: 1200,
          balance: 1200,
          availablePoints: 0,
          pendingPoints: 1200,
          pendingUntil: "2030-07-14T00:00:00.000Z",
          orderDisplayId: undefined,
          tierName: "Silver",
          nextTierName: "Gold",
          pointsToNextTier: 3800,
          reachedTierName: "Silver",
          reachedTierMultiplier: 1.25,
        },
      },
    ])
  })

  it("a first order in the entry tier sends the points email with no tier news", () => {
    const emails = composeLoyaltyEmails(program, { available: 50, pending: 120 }, 120, {
      customer_id: "cus_1",
      earned: { order_id: "order_2", points: 120 },
      tier: { changed: true, from: null, to: "bronze", window_points: 120, change_id: "tc_2" },
    })
    expect(emails.map((e) => e.key)).toEqual(["loyalty:earned:order_2"])
    expect(emails[0].data).not.toHaveProperty("reachedTierName")
    expect(emails[0].data).toMatchObject({ availablePoints: 50, pendingPoints: 120, balance: 170, tierName: "Bronze" })
  })

  it("a tier reached without a points email (daily pass, or the points email switched off) gets its own", () => {
    const daily = composeLoyaltyEmails(program, { available: 1200, pending: 0 }, 1200, { customer_id: "cus_1", tier: toSilver })
    expect(daily).toEqual([
      {
        key: "loyalty:tier:tc_1",
        template: "loyalty-tier-reached",
        customer_id: "cus_1",
        data: { tierName: "Silver", multiplier: 1.25, nextTierName: "Gold", pointsToNextTier: 3800 },
      },
    ])
    const switchedOff = composeLoyaltyEmails(
      { ...program, emails: { ...program.emails, pointsEarned: false } },
      { available: 0, pending: 1200 },
      1200,
      { customer_id: "cus_1", earned: order, tier: toSilver }
    )
    expect(switchedOff.map((e) => e.key)).toEqual(["loyalty:tier:tc_1"])
  })

  it("composes the same emails with the same keys when run again", () => {
    const input = { customer_id: "cus_1", earned: order, tier: toSilver }
    expect(composeLoyaltyEmails(program, { available: 0, pending: 1200 }, 1200, input)).toEqual(
      composeLoyaltyEmails(program, { available: 0, pending: 1200 }, 1200, input)
    )
  })

  it("points made available: the spendable balance with its money value, pending apart", () => {
    const emails = composeLoyaltyEmails(program, { available: 1340, pending: 80 }, 1420, {
      customer_id: "cus_1",
      available: { order_id: "order_1", points: 120 },
    })
    expect(emails).toEqual([
      {
        key: "loyalty:available:order_1",
        template: "loyalty-points-available",
        customer_id: "cus_1",
        data: { points: 120, balance: 1340, pendingPoints: 80 },
        values: { balanceValue: 1340 },
      },
    ])
  })
})

describe("reachedTier", () => {
  it("is the new tier only for a rise above the entry tier, with the tier email on", () => {
    expect(reachedTier(program, toSilver)?.key).toBe("silver")
    expect(reachedTier(program, { changed: true, from: null, to: "bronze", window_points: 0 })).toBeNull()
    expect(reachedTier(program, { changed: true, from: null, to: "silver", window_points: 1000 })?.key).toBe("silver")
    expect(reachedTier(program, { changed: true, from: "gold", to: "silver", window_points: 1000 })).toBeNull()
    expect(reachedTier(program, { ...toSilver, changed: false })).toBeNull()
    expect(reachedTier({ ...program, emails: { ...program.emails, tierReached: false } }, toSilver)).toBeNull()
  })
})

describe("pointsMoneyValue", () => {
  it("values points at the program's point value for the currency, to the cent", () => {
    // Default 0.01 per point: 300 points = 3.00; 1,337 points = 13.37.
    expect(pointsMoneyValue(program, "eur", 300)).toBe(3)
    expect(pointsMoneyValue(program, "eur", 1337)).toBe(13.37)
    // A currency's own value wins: 0.25 TRY per point, 333 points = 83.25.
    expect(pointsMoneyValue({ ...program, pointValueByCurrency: { try: 0.25 } }, "try", 333)).toBe(83.25)
  })
})
