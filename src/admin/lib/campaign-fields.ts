// The campaign editor's fields by the API's path, with the label the merchant sees. The API
// answers with paths ("steps.0.template: …", 0-based); the editor shows the message at the
// field and, in the summary, as "Step 1 · Template: …".

const STEP_FIELDS: Record<string, string> = {
  delay_hours: "Delay after the cart went quiet (hours)",
  template: "Template",
  subjects: "Subject variants",
  discount: "One-off discount code",
  "discount.type": "Discount type",
  "discount.value": "Discount",
  "discount.currency_code": "Currency",
  "discount.expires_in_hours": "Expires after (hours)",
}

const CAMPAIGN_FIELDS: Record<string, string> = {
  name: "Name",
  steps: "Steps",
  "filters.min_value": "Minimum cart value",
  "filters.region_ids": "Regions",
  "filters.sales_channel_ids": "Sales channels",
  "filters.customer_group_ids": "Only customer groups",
  "filters.exclude_customer_group_ids": "Exclude customer groups",
  "filters.segments": "Only RFM segments",
  holdout_percent: "Holdout",
  attribution_window_days: "Attribution window (days)",
  cap_per_address: "Emails per address",
  cap_window_hours: "…per hours",
  on_activity: "Activity after an email",
  max_attempts: "Tries per step",
  on_step_failure: "After a failed step",
  discount_budget: "Discount budget",
  quiet_hours: "This campaign sends",
  "quiet_hours.start": "Quiet from",
  "quiet_hours.end": "Quiet until",
}

/** The longest known field `path` starts with (a record key or list index below it is dropped). */
function longestKnown(parts: string[], known: Record<string, string>): string | null {
  for (let length = parts.length; length > 0; length--) {
    const key = parts.slice(0, length).join(".")
    if (known[key]) return key
  }
  return null
}

/**
 * The editor field an API error path belongs to: `key` to find it in the form, `label` to name
 * it. "steps.0.discount.value" → { key: "steps.0.discount.value", label: "Step 1 · Discount" };
 * "filters.min_value.eur" → the minimum cart value field; unknown paths → null.
 */
export function campaignField(path: string): { key: string; label: string } | null {
  const parts = path.split(".")
  if (parts[0] === "steps" && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const step = `Step ${Number(parts[1]) + 1}`
    const field = longestKnown(parts.slice(2), STEP_FIELDS)
    return field
      ? { key: `steps.${parts[1]}.${field}`, label: `${step} · ${STEP_FIELDS[field]}` }
      : { key: `steps.${parts[1]}`, label: step }
  }
  const field = longestKnown(parts, CAMPAIGN_FIELDS)
  return field ? { key: field, label: CAMPAIGN_FIELDS[field] } : null
}
