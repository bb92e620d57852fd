import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { computeRfmSegmentsWorkflow } from "../workflows/customer-segments/compute-rfm-segments"

export const COMPUTE_RFM_SEGMENTS_JOB = "retention-compute-rfm-segments"

export default async function computeRfmSegmentsJob(container: MedusaContainer) {
  const { result } = await computeRfmSegmentsWorkflow(container).run({ input: { trigger: "schedule" } })
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`rfm segments: ${result.scored} customer scores in run ${result.id}`)
}

export const config = {
  name: COMPUTE_RFM_SEGMENTS_JOB,
  // 01:15 UTC, after the day's orders; a second run within 12 hours replaces the first.
  schedule: "15 1 * * *",
}
