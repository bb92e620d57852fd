import { SkipExecutionError } from "@medusajs/framework/orchestration"

/**
 * Runs a workflow created with `idempotent: true` under a deterministic transaction id, so the
 * same key runs once. When a duplicate arrives while the first run is still in flight, the
 * Redis workflow engine refuses it with SkipExecutionError: for a caller that only wants "done
 * once", that is success, and we report it as a duplicate instead of failing the job.
 */
export async function runOnce<TResult>(
  key: string,
  run: (options: { context: { transactionId: string } }) => Promise<{ result: TResult }>
): Promise<{ duplicate: false; result: TResult } | { duplicate: true }> {
  try {
    const { result } = await run({ context: { transactionId: key.replace(/:/g, "|") } })
    return { duplicate: false, result }
  } catch (error) {
    if (error instanceof Error && SkipExecutionError.isSkipExecutionError(error)) {
      return { duplicate: true }
    }
    throw error
  }
}
