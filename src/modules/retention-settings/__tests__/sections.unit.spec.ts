import { brandSender, BUILT_IN_DEFAULTS } from "../sections"

describe("brandSender", () => {
  it("hands the providers the saved from address and name", () => {
    expect(brandSender({ fromEmail: "care@kestrel.example", fromName: "Kestrel" })).toEqual({
      email: "care@kestrel.example",
      name: "Kestrel",
    })
  })

  it("leaves the address to the provider's own option while the brand has the placeholder", () => {
    expect(brandSender(BUILT_IN_DEFAULTS.brand)).toEqual({ email: undefined, name: BUILT_IN_DEFAULTS.brand.fromName })
  })
})
