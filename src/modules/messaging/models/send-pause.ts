import { model } from "@medusajs/framework/utils"

// Deliverability guard: a campaign or topic whose spam-complaint rate passed the threshold
// pauses itself. Sends in that scope are suppressed until an admin resumes it.
export const SendPause = model
  .define("retention_send_pause", {
    id: model.id({ prefix: "rpau" }).primaryKey(),
    // "campaign:<id>" or "topic:<topic>"
    scope: model.text(),
    reason: model.text(),
    complaint_rate: model.number().nullable(),
    sample_size: model.number().nullable(),
    resumed_at: model.dateTime().nullable(),
    resumed_by: model.text().nullable(),
  })
  .indexes([{ on: ["scope"], unique: true, where: "resumed_at IS NULL" }])
