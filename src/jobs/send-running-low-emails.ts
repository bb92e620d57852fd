import { MedusaContainer } from "@medusajs/framework/types"
import { sendRunningLowEmails } from "../workflows/replenishment/running-low"

export const SEND_RUNNING_LOW_EMAILS_JOB = "retention-send-running-low-emails"

/**
 * Hourly: "running low?" emails for customers without a subscription who are predicted to run
 * out soon. Each cycle is claimed by a unique key before its email is queued, so overlapping
 * runs (several workers, a slow hour) send it once.
 */
export default async function sendRunningLowEmailsJob(container: MedusaContainer) {
  await sendRunningLowEmails(container)
}

export const config = {
  name: SEND_RUNNING_LOW_EMAILS_JOB,
  schedule: "23 * * * *",
}
