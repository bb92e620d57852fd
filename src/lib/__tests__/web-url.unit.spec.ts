import { brandSchema, npsSchema, pluginOptionsSchema } from "../../modules/retention-settings/sections"
import { cartRecoveryOptionsSchema } from "../../modules/cart-recovery/options"
import { isWebUrl, webUrl, webUrlProblem } from "../web-url"

describe("webUrlProblem", () => {
  it("accepts https anywhere and http only on the local machine", () => {
    for (const url of [
      "https://shop.example.com",
      "https://shop.example.com/reviews?x=1#top",
      "HTTPS://SHOP.EXAMPLE.COM",
      "http://localhost:8000",
      "http://127.0.0.1:9000/path",
      "http://[::1]:8000",
    ]) {
      expect([url, webUrlProblem(url)]).toEqual([url, undefined])
    }
  })

  it("refuses script, data and other schemes, plain http elsewhere and non-URLs", () => {
    for (const url of [
      "javascript:alert(document.cookie)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "ftp://files.example.com",
      "http://shop.example.com",
      "http://localhost.evil.example",
      "http://127.0.0.2",
      "https:/",
      "//shop.example.com",
      "shop.example.com",
      "",
    ]) {
      expect([url, isWebUrl(url)]).toEqual([url, false])
    }
    expect(webUrlProblem("javascript:alert(1)")).toMatch(/https:\/\//)
    expect(webUrlProblem("http://shop.example.com")).toMatch(/localhost/)
  })

  it("trims the value it keeps", () => {
    expect(webUrl().parse("  https://shop.example.com  ")).toBe("https://shop.example.com")
  })
})

describe("URLs in settings and plugin options", () => {
  const brand = {
    storeName: "Kestrel",
    fromName: "Kestrel",
    fromEmail: "hello@kestrel.example.com",
    replyTo: null,
    logoUrl: null,
    primaryColor: "#111827",
    textColor: "#1f2937",
    backgroundColor: "#f3f4f6",
    storeAddress: "1 Street",
    storefrontUrl: "https://kestrel.example.com",
    defaultLocale: "en",
    timezone: "UTC",
  }

  function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
    return result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.map(String).join("."))
  }

  it("names each brand and NPS URL field that is not http(s)", () => {
    expect(brandSchema.safeParse(brand).success).toBe(true)
    expect(issuesOf(brandSchema.safeParse({ ...brand, logoUrl: "data:image/svg+xml,<svg/>" }))).toEqual(["logoUrl"])
    expect(issuesOf(brandSchema.safeParse({ ...brand, storefrontUrl: "javascript:alert(1)" }))).toEqual([
      "storefrontUrl",
    ])
    const nps = npsSchema.partial()
    expect(issuesOf(nps.safeParse({ reviewUrl: "javascript:alert(1)" }))).toEqual(["reviewUrl"])
    expect(issuesOf(nps.safeParse({ redirectUrl: "data:text/html,hi" }))).toEqual(["redirectUrl"])
    expect(nps.safeParse({ reviewUrl: null, redirectUrl: "https://shop.example.com/nps" }).success).toBe(true)
  })

  it("refuses the same in plugin options, including the recovery link pattern", () => {
    expect(issuesOf(pluginOptionsSchema.safeParse({ brand: { storefrontUrl: "javascript:x" } }))).toEqual([
      "brand.storefrontUrl",
    ])
    const base = { tokenSecret: "x".repeat(32) }
    expect(
      issuesOf(
        cartRecoveryOptionsSchema.safeParse({
          ...base,
          cartRecovery: { storefrontCartUrl: "javascript:fetch('/x?c={cart_id}')" },
        })
      )
    ).toEqual(["cartRecovery.storefrontCartUrl"])
    expect(
      cartRecoveryOptionsSchema.safeParse({
        ...base,
        cartRecovery: { storefrontCartUrl: "https://shop.example.com/c/{cart_id}?code={code}&t={token}" },
      }).success
    ).toBe(true)
    expect(issuesOf(cartRecoveryOptionsSchema.safeParse({ ...base, publicUrl: "ftp://api.example.com" }))).toEqual([
      "publicUrl",
    ])
  })
})
