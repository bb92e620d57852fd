import { promotionCampaignName } from "../promotion-campaign"

describe("promotionCampaignName", () => {
  it("uses the sequence campaign's own name, with the currency", () => {
    expect(promotionCampaignName({ name: "Abandoned cart (default)", campaignId: "rcamp_1", currencyCode: "eur" })).toBe("Abandoned cart (default) (EUR)")
    expect(promotionCampaignName({ name: "  Winter carts ", campaignId: "rcamp_1", currencyCode: "usd" })).toBe("Winter carts (USD)")
  })

  it("falls back to the id when the campaign has no name", () => {
    expect(promotionCampaignName({ campaignId: "rcamp_1", currencyCode: "eur" })).toBe("Cart recovery rcamp_1 (EUR)")
    expect(promotionCampaignName({ name: null, campaignId: "rflow_2", currencyCode: "gbp" })).toBe("Cart recovery rflow_2 (GBP)")
    expect(promotionCampaignName({ name: "   ", campaignId: "rcamp_3", currencyCode: "EUR" })).toBe("Cart recovery rcamp_3 (EUR)")
  })
})
