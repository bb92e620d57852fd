import { brandSchema, brandSender, BUILT_IN_DEFAULTS } from "../sections"

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

describe("brand webFont", () => {
  const brand = (webFont: unknown) => brandSchema.safeParse({ ...BUILT_IN_DEFAULTS.brand, webFont })

  it("is off by default, also for a brand saved before the setting existed", () => {
    expect(BUILT_IN_DEFAULTS.brand.webFont).toBeNull()
    const { webFont: _, ...older } = BUILT_IN_DEFAULTS.brand
    expect(brandSchema.parse(older).webFont).toBeNull()
  })

  it("takes a family name and an https stylesheet", () => {
    const font = { family: "Source Sans 3", url: "https://fonts.googleapis.com/css2?family=Source+Sans+3&display=swap" }
    expect(brand(font).data?.webFont).toEqual(font)
  })

  it.each([
    [{ family: "Inter'; } body { x: y", url: "https://fonts.example/inter.css" }, "family"],
    [{ family: "Inter", url: "http://fonts.example/inter.css" }, "url"],
    [{ family: "Inter", url: "javascript:alert(1)" }, "url"],
  ])("refuses %p at %s", (webFont, field) => {
    const result = brand(webFont)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].path).toEqual(["webFont", field])
  })
})
