import { brandSender, BUILT_IN_DEFAULTS } from "../sections"

describe("brandSender", () => {
  it("hands the providers the saved from address and name", () => {
    expect(brandSender({ fromEmail: "care@kestrel.example", fromName: "Kestrel" })).toEqual({
      email: "care@kestrel.example",
      name: "Kestrel",
    })
  })

  it("leaves address and name to the provider's own options while the brand has the placeholders", () => {
    expect(brandSender(BUILT_IN_DEFAULTS.brand)).toEqual({ email: undefined, name: undefined })
    expect(brandSender({ ...BUILT_IN_DEFAULTS.brand, fromName: "Kestrel" })).toEqual({
      email: undefined,
      name: "Kestrel",
    })
  })
})
