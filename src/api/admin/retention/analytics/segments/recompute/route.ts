import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { computeRfmSegmentsWorkflow } from "../../../../../../workflows/customer-segments/compute-rfm-segments"
import { parseInput } from "../../../messages/helpers"
import { RecomputeBody } from "../validators"

/** "Recompute now": the nightly computation, run at once; it replaces a run of the last 12 hours. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  parseInput(RecomputeBody, req.body)
  const { result } = await computeRfmSegmentsWorkflow(req.scope).run({ input: { trigger: "manual" } })
  res.json({ run: result })
}
