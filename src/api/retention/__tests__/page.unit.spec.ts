import { loadPageBrand, page } from "../page"

describe("page", () => {
  const brand = { storeName: "Kestrel <Supply>", logoUrl: "https://cdn.example.com/logo.png?v=1&x=2", storefrontUrl: "https://kestrel.example.com", primaryColor: "#0f766e" }

  it("heads the page with the store's logo, linked to the storefront, and names the store in the title", () => {
    const html = page("en", "Unsubscribe", "<p>x</p>", brand)
    expect(html).toContain("<title>Unsubscribe · Kestrel &lt;Supply&gt;</title>")
    expect(html).toContain(
      '<header><a href="https://kestrel.example.com" rel="noopener"><img src="https://cdn.example.com/logo.png?v=1&amp;x=2" alt="Kestrel &lt;Supply&gt;" height="40"'
    )
    // The brand colour on the buttons, which are at least 44 px tall.
    expect(html).toContain("background: #0f766e;")
    expect(html).toContain("min-height: 44px;")
  })

  it("shows the store's name when there is no logo", () => {
    const html = page("tr", "Abonelik", "<p>x</p>", { storeName: "Kestrel", logoUrl: null, storefrontUrl: null })
    expect(html).toContain('<header><span class="store-name">Kestrel</span></header>')
    expect(html).not.toContain("<img")
  })

  it("without a brand, no header; a colour that is not #rrggbb is not written into the CSS", () => {
    expect(page("en", "T", "<p>x</p>")).not.toContain("<header>")
    const html = page("en", "T", "<p>x</p>", { storeName: "S", primaryColor: "red;}body{display:none" })
    expect(html).not.toContain("display:none")
    expect(html).toContain("background: #111827;")
  })

  it("loadPageBrand reads Settings → Brand, and gives null when the settings cannot be read", async () => {
    const values = { storeName: "Kestrel", logoUrl: null, storefrontUrl: "https://k.example", primaryColor: "#123456", fromName: "x" }
    const ok = { resolve: () => ({ getSection: async () => ({ values }) }) } as never
    expect(await loadPageBrand(ok)).toEqual({ storeName: "Kestrel", logoUrl: null, storefrontUrl: "https://k.example", primaryColor: "#123456" })
    const broken = { resolve: () => { throw new Error("no module") } } as never
    expect(await loadPageBrand(broken)).toBeNull()
  })
})
