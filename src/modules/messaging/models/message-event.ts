import { model } from "@medusajs/framework/utils"

// What happened to a message after it left: SendGrid webhook events and our own transitions.
// SendGrid delivers events at least once; the unique sg_event_id makes a repeat a no-op.
export const MessageEvent = model
  .define("retention_message_event", {
    id: model.id({ prefix: "rmev" }).primaryKey(),
    message_id: model.text().nullable(),
    type: model.text(),
    sg_event_id: model.text().nullable(),
    occurred_at: model.dateTime(),
    data: model.json().nullable(),
  })
  .indexes([
    { on: ["sg_event_id"], unique: true, where: "sg_event_id IS NOT NULL" },
    { on: ["message_id", "occurred_at"] },
    { on: ["type", "occurred_at"] },
  ])
