import { cartRecoveryOptionsSchema } from "../../modules/cart-recovery/options"
import { parsePluginOptions } from "../plugin-options"

const base = { tokenSecret: "x".repeat(32) }

describe("plugin option `retention`", () => {
  it("defaults to 30 days of email bodies and window + 30 days for finished sequences", () => {
    expect(parsePluginOptions(cartRecoveryOptionsSchema, base).retention).toEqual({
      messageBodyDays: 30,
      cartRecoveryMarginDays: 30,
      batchSize: 500,
    })
  })

  it("takes partial values and null (keep bodies forever)", () => {
    const parsed = parsePluginOptions(cartRecoveryOptionsSchema, { ...base, retention: { messageBodyDays: null, batchSize: 50 } })
    expect(parsed.retention).toEqual({ messageBodyDays: null, cartRecoveryMarginDays: 30, batchSize: 50 })
  })

  it("stops the store at boot naming the bad value", () => {
    expect(() => parsePluginOptions(cartRecoveryOptionsSchema, { ...base, retention: { cartRecoveryMarginDays: 7 } })).toThrow(
      /retention\.cartRecoveryMarginDays/
    )
    expect(() => parsePluginOptions(cartRecoveryOptionsSchema, { ...base, retention: { messageBodyDays: 0 } })).toThrow(
      /retention\.messageBodyDays/
    )
  })
})
