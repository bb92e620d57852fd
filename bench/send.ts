// `send` benchmark, run by scripts/bench.js through `medusa exec` against a freshly migrated
// database, with SendGrid replaced by a local HTTP server at the network boundary.
//
// value:    messages/s through the send workflow (log row, idempotency, policy, render,
//           claim, the SendGrid provider the Notification Module loaded for the plugin's
//           channel, status update), batches of BATCH, with the default plugin options.
// baseline: messages/s of the bare @sendgrid/mail client to the same server, 10 requests in
//           flight (no log, no policy, no render): what the network alone costs.
import { ExecArgs } from "@medusajs/framework/types"
import { Client } from "@sendgrid/client"
import { MailService } from "@sendgrid/mail"
import { getTemplate } from "../src/emails"
import { RETENTION_SETTINGS_MODULE } from "../src/modules/retention-settings"
import type RetentionSettingsModuleService from "../src/modules/retention-settings/service"
import { sendRetentionEmailsWorkflow } from "../src/workflows/messaging/send-retention-emails"

// Throughput of a long-running server sending a campaign: measured after a warm-up (JIT,
// connection pools, compiled templates), over enough messages to average out the machine.
const WARMUP = Number(process.env.BENCH_SEND_WARMUP || 1000)
const TOTAL = Number(process.env.BENCH_SEND_TOTAL || 5000)
const BATCH = Number(process.env.BENCH_SEND_BATCH || 100)
const PARALLEL = Number(process.env.BENCH_SEND_PARALLEL || 4)

export default async function sendBench({ container }: ExecArgs) {
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  // Measure sending, not the policy's "not now": no quiet hours, caps that never bite.
  await settings.saveSection("consent", { quietHoursEnabled: false, maxMarketingPerDay: 100, maxMarketingPerWeek: 500 }, null)
  const data = getTemplate("cart-reminder")?.sampleData as Record<string, unknown>
  const run = `${Date.now()}`

  const sendBatch = async (from: number, count: number) => {
    const messages = Array.from({ length: count }, (_, i) => ({
      idempotency_key: `bench:${run}:${from + i}`,
      template: "cart-reminder",
      to: `bench-${from + i}@example.com`,
      data,
      locales: [(from + i) % 2 ? "tr" : "en"],
    }))
    const { result } = await sendRetentionEmailsWorkflow(container).run({ input: { messages } })
    const notSent = result.filter((r) => r.status !== "sent")
    if (notSent.length) {
      throw new Error(`benchmark sends were not sent: ${JSON.stringify(notSent[0])}`)
    }
  }

  // Warm up: compile templates, fill connection pools, let the JIT settle.
  for (let from = -WARMUP; from < 0; from += BATCH) {
    await sendBatch(from, Math.min(BATCH, -from))
  }
  const cpuBefore = process.cpuUsage()
  const started = process.hrtime.bigint()
  // PARALLEL batches in flight at once, as a job with several workers (or several worker
  // processes) would run them; each batch is still one workflow run.
  let nextFrom = 0
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let from = nextFrom; from < TOTAL; from = nextFrom) {
        nextFrom += BATCH
        await sendBatch(from, Math.min(BATCH, TOTAL - from))
      }
    })
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const value = TOTAL / seconds
  const cpu = process.cpuUsage(cpuBefore)
  // CPU time is steadier than wall time on a shared machine: compare it across changes.
  console.log(`send: ${TOTAL} messages in ${seconds.toFixed(1)} s, ${((cpu.user + cpu.system) / 1000 / TOTAL).toFixed(2)} ms CPU per message in the sending process`)

  // Baseline: the bare client, same server, 10 requests in flight.
  const client = new Client()
  client.setApiKey(process.env.SENDGRID_API_KEY ?? "")
  client.setDefaultRequest("baseUrl", process.env.SENDGRID_BASE_URL ?? "")
  const mail = new MailService()
  mail.setClient(client)
  const bareStart = process.hrtime.bigint()
  let next = 0
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        await mail.send({
          to: `bare-${i}@example.com`,
          from: "bench@example.com",
          subject: "bench",
          text: "bench",
          html: "<p>bench</p>",
        })
      }
    })
  )
  const baseline = TOTAL / (Number(process.hrtime.bigint() - bareStart) / 1e9)
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "send", value, unit: "messages/s", baseline })}`)
}
