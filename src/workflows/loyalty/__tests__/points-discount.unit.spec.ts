import { discountApplied, holdMismatch, pointsForDiscount } from "../points-discount"
import { isRedemptionCodeOf, redemptionCode } from "../steps/check-redemption"

describe("points discount", () => {
  const hold = { points: 2400, amount: 24 }

  it("spends all the held points only when the whole discount was applied", () => {
    expect(pointsForDiscount(hold, 24)).toBe(2400)
    expect(pointsForDiscount(hold, 23.999)).toBe(2400)
    // Medusa capped the fixed discount at a cart worth 12.18: 1218 points pay for it.
    expect(pointsForDiscount(hold, 12.18)).toBe(1218)
    expect(pointsForDiscount(hold, 0)).toBe(0)
  })

  it("sums a code's adjustments over the items", () => {
    const row = {
      items: [
        { adjustments: [{ code: "PTS-A", amount: 10 }, { code: "SUMMER", amount: 3 }] },
        { adjustments: [{ code: "PTS-A", amount: "2.5" }] },
        { adjustments: null },
      ],
    }
    expect(discountApplied(row, "PTS-A")).toBe(12.5)
    expect(discountApplied(row, "PTS-B")).toBe(0)
  })

  it("finds a hold that no longer fits the cart", () => {
    const cart = (item_subtotal: number, discount_subtotal: number) => ({ item_subtotal, discount_subtotal })
    expect(holdMismatch(hold, cart(48.74, 24), 24, 0.5)).toBeNull()
    expect(holdMismatch(hold, cart(12.18, 12.18), 12.18, 0.5)).toMatch(/worth less than the points discount/)
    // Fully applied but over the share (the cart shrank to 40 with the discount still fitting).
    expect(holdMismatch(hold, cart(40, 24), 24, 0.5)).toMatch(/at most 50%/)
    // Another promotion's discount lowers the base the share is taken of.
    expect(holdMismatch(hold, cart(48.74, 34), 24, 0.5)).toMatch(/at most 50%/)
  })

  it("tells a cart's own points codes from other carts'", () => {
    expect(redemptionCode("cart_01abc")).toBe("PTS-01ABC")
    expect(redemptionCode("cart_01abc", 2)).toBe("PTS-01ABC-2")
    expect(isRedemptionCodeOf("PTS-01ABC", "cart_01abc")).toBe(true)
    expect(isRedemptionCodeOf("PTS-01ABC-3", "cart_01abc")).toBe(true)
    expect(isRedemptionCodeOf("PTS-01ABCD", "cart_01abc")).toBe(false)
    expect(isRedemptionCodeOf("PTS-01ABC-X", "cart_01abc")).toBe(false)
  })
})
