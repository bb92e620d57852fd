import { isHoldout, pickVariant } from "../../../modules/cart-recovery/sequence"
import { isFlowHoldout, pickFlowVariant } from "../../../modules/flows/engine"
import { inHoldout, pickSplit, unitHash } from "../split"

// The expected values below were taken from the hashing as it stood before it moved here: if
// they change, customers already in a sequence would switch holdout group or subject variant.
describe("sequence splits", () => {
  it("hashes a key to the same number in [0, 1) as before", () => {
    expect(unitHash("a")).toBe(0.7913742703385651)
    expect(unitHash("holdout:rcamp_1:cart_1")).toBe(0.31608817307278514)
    for (let i = 0; i < 500; i++) {
      const h = unitHash(`k${i}`)
      expect(h).toBeGreaterThanOrEqual(0)
      expect(h).toBeLessThan(1)
    }
  })

  it("keeps every cart and customer in the group it had", () => {
    const ids = Array.from({ length: 12 }, (_, i) => i)
    expect(ids.map((i) => isHoldout("rcamp_1", `cart_${i}`, 50))).toEqual([false, true, true, false, true, true, true, false, true, true, true, false])
    expect(ids.map((i) => pickVariant(`cart_${i}`, 1, 3))).toEqual([2, 1, 2, 1, 1, 0, 2, 1, 2, 1, 2, 0])
    expect(ids.map((i) => isFlowHoldout("rflow_1", `cus_${i}`, "signup", 50))).toEqual([true, true, true, false, true, true, false, true, false, false, false, false])
    expect(ids.map((i) => pickFlowVariant("rflow_1", `cus_${i}`, 2, 3))).toEqual([0, 2, 1, 2, 0, 1, 2, 1, 0, 1, 1, 1])
  })

  it("keys each program's split by its own prefix", () => {
    expect(isHoldout("c", "x", 37)).toBe(inHoldout("holdout:c:x", 37))
    expect(pickVariant("x", 2, 4)).toBe(pickSplit("variant:x:2", 4))
    expect(isFlowHoldout("f", "cus", "t", 37)).toBe(inHoldout("flow-holdout:f:cus:t", 37))
    expect(pickFlowVariant("f", "cus", 2, 4)).toBe(pickSplit("flow-variant:f:cus:2", 4))
  })

  it("holds out about the percentage asked, nobody at 0 and everybody at 100", () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `holdout:c:cart_${i}`)
    const held = keys.filter((k) => inHoldout(k, 20)).length
    expect(held).toBeGreaterThan(4000 * 0.17)
    expect(held).toBeLessThan(4000 * 0.23)
    expect(keys.some((k) => inHoldout(k, 0))).toBe(false)
    expect(keys.some((k) => inHoldout(k, -5))).toBe(false)
    expect(keys.every((k) => inHoldout(k, 100))).toBe(true)
  })

  it("splits variants evenly, and gives 0 for one variant or none", () => {
    const counts = [0, 0, 0]
    for (let i = 0; i < 9000; i++) counts[pickSplit(`variant:cart_${i}:1`, 3)] += 1
    for (const c of counts) expect(Math.abs(c - 3000)).toBeLessThan(300)
    expect(pickSplit("anything", 1)).toBe(0)
    expect(pickSplit("anything", 0)).toBe(0)
  })
})
