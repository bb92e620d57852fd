// The Medusa campaign that holds a sequence's one-off codes (one per sequence campaign and
// currency; its budget caps their total discount). Found again by its campaign_identifier, never
// by its name, so the name is only what the merchant reads in Medusa's promotions admin.

/** The campaign's own name with the currency, e.g. "Abandoned cart (EUR)"; without a name, "Cart recovery <id> (EUR)". */
export function promotionCampaignName(input: { name?: string | null; campaignId: string; currencyCode: string }): string {
  const own = input.name?.trim()
  return `${own || `Cart recovery ${input.campaignId}`} (${input.currencyCode.toUpperCase()})`
}
