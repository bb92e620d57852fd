import { model } from "@medusajs/framework/utils"

export const RESPONSE_STATUSES = ["tentative", "confirmed", "discarded"] as const
export const CATEGORIES = ["promoter", "passive", "detractor"] as const

// One response per survey: a later click updates it.
export const NpsResponse = model
  .define("retention_nps_response", {
    id: model.id({ prefix: "npsr" }).primaryKey(),
    survey_id: model.text().unique(),
    order_id: model.text(),
    customer_id: model.text().nullable(),
    email: model.text(),
    score: model.number(),
    category: model.enum([...CATEGORIES]),
    comment: model.text().nullable(),
    // tentative: only a GET saw it; confirmed: the landing page confirmed it; discarded: a scanner.
    status: model.enum([...RESPONSE_STATUSES]).default("tentative"),
    // too_fast or burst when discarded.
    discard_reason: model.text().nullable(),
    // Recent clicks [{ score, at }] for burst detection, trimmed to the last minute.
    clicks: model.json().nullable(),
    first_clicked_at: model.dateTime(),
    last_clicked_at: model.dateTime(),
    confirmed_at: model.dateTime().nullable(),
    alert_sent_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["status", "confirmed_at"] },
    { on: ["category", "confirmed_at"] },
  ])
