// `sendgrid-webhook` benchmark, run by scripts/bench.js through `medusa exec` against a freshly
// migrated database: one SendGrid Event Webhook batch of EVENTS events (delivered, open, click
// and some hard bounces over EVENTS / 4 messages, half matched by our custom arg and half by
// sg_message_id only), parsed from the raw body and applied.
//
// value:    ms to parse and apply the batch with MessagingModuleService.applyProviderEvents
//           (a fixed number of statements, planned with maps).
// baseline: ms for the same batch on a second, identical set of messages, applied the way the
//           webhook did before: the same insert, then for every new event an array scan for its
//           original and one UPDATE (and one suppression INSERT per bounce).
// Lower is better; ratio = value / baseline. Both runs must end in the same message states.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseSendgridEvents } from "../src/lib/sendgrid-webhook"
import { RETENTION_MESSAGING_MODULE } from "../src/modules/messaging"
import type MessagingModuleService from "../src/modules/messaging/service"

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS || 16_000)

type Knex = {
  raw: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>
  transaction: <T>(fn: (trx: Knex) => Promise<T>) => Promise<T>
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}

/** Messages `<set>_<n>` and the raw webhook body for them. */
async function seed(db: Knex, set: string, messages: number): Promise<Buffer> {
  await db.raw(
    `insert into retention_message (id, idempotency_key, topic, category, template, locale, to_email, status, provider_message_id, sent_at, created_at, updated_at)
     select 'rmsg_' || ? || '_' || g, 'bench:' || ? || ':' || g, 'cart_recovery', 'marketing', 'cart-reminder', 'en',
            ? || g || '@example.com', 'sent', 'sg-' || ? || '-' || g, now(), now(), now()
     from generate_series(1, ?) g`,
    [set, set, set, set, messages]
  )
  const now = Math.floor(Date.now() / 1000)
  const events: Record<string, unknown>[] = []
  const types = ["delivered", "open", "click", "bounce"]
  for (let i = 0; i < EVENTS; i++) {
    const n = (i % messages) + 1
    const type = types[Math.floor(i / messages) % types.length]
    // One message in ten bounces hard; the others get a soft "blocked" bounce after their click.
    const hard = n % 10 === 0
    events.push({
      email: `${set}${n}@example.com`,
      event: type,
      sg_event_id: `${set}-ev-${i}`,
      sg_message_id: `sg-${set}-${n}.filter0001.${i}`,
      timestamp: now + Math.floor(i / messages),
      ...(n % 2 === 0 ? { retention_message_id: `rmsg_${set}_${n}` } : {}),
      ...(type === "bounce" ? { type: hard ? "bounce" : "blocked", reason: "550 unknown user" } : {}),
    })
  }
  return Buffer.from(JSON.stringify(events))
}

const toInput = (raw: Buffer) =>
  parseSendgridEvents(raw).events.map((e) => ({
    sg_event_id: e.sgEventId,
    type: e.event,
    email: e.email,
    message_id: e.retentionMessageId ?? null,
    provider_message_id: e.sgMessageId ?? null,
    bounce_type: e.type ?? null,
    occurred_at: e.timestamp,
    data: { reason: e.reason ?? null, url: e.url ?? null, type: e.type ?? null },
  }))

/** The webhook's previous way: same insert, then one scan and one statement per event. */
async function applyPerEvent(db: Knex, raw: Buffer) {
  const events = toInput(raw)
  const forward: Record<string, { status: string; column: string; lower: string[] }> = {
    delivered: { status: "delivered", column: "delivered_at", lower: ["sent"] },
    open: { status: "opened", column: "opened_at", lower: ["sent", "delivered"] },
    click: { status: "clicked", column: "clicked_at", lower: ["sent", "delivered", "opened"] },
  }
  const fresh = await db.transaction(async (trx) => {
    const { rows } = await trx.raw(
      `insert into retention_message_event (id, message_id, type, sg_event_id, occurred_at, data, created_at, updated_at)
       select 'rmev_' || replace(gen_random_uuid()::text, '-', ''),
              coalesce(x.mid, (select m.id from retention_message m where m.provider_message_id = x.pmid
                               and x.pmid is not null and m.deleted_at is null limit 1)),
              x.t, x.sg, x.at::timestamptz, x.d::jsonb, now(), now()
       from jsonb_to_recordset(?::jsonb) as x(sg text, t text, mid text, pmid text, at text, d text)
       where x.mid is null or exists (select 1 from retention_message m where m.id = x.mid)
       on conflict (sg_event_id) where sg_event_id is not null and deleted_at is null do nothing
       returning sg_event_id, message_id, type`,
      [
        JSON.stringify(
          events.map((e) => ({ sg: e.sg_event_id, t: e.type, mid: e.message_id, pmid: e.provider_message_id, at: e.occurred_at.toISOString(), d: JSON.stringify(e.data) }))
        ),
      ]
    )
    for (const r of rows) {
      if (!r.message_id) continue
      const original = events.find((x) => x.sg_event_id === r.sg_event_id)
      const step = forward[String(r.type)]
      if (step) {
        await trx.raw(
          `update retention_message set ${step.column} = coalesce(${step.column}, ?),
                  status = case when status in (select jsonb_array_elements_text(?::jsonb)) then ? else status end, updated_at = now()
           where id = ?`,
          [original?.occurred_at ?? new Date(), JSON.stringify(step.lower), step.status, r.message_id]
        )
      } else if (r.type === "bounce") {
        await trx.raw(
          `update retention_message set status = 'bounced', status_reason = 'bounce', updated_at = now()
           where id = ? and status in ('sending', 'sent', 'delivered')`,
          [r.message_id]
        )
      }
    }
    return rows
  })
  for (const r of fresh) {
    const original = events.find((x) => x.sg_event_id === r.sg_event_id)
    if (r.type === "bounce" && original && (original.bounce_type ?? "bounce") === "bounce") {
      await db.raw(
        `insert into retention_suppression (id, email, reason, source, message_id, created_at, updated_at)
         values ('rsup_' || replace(gen_random_uuid()::text, '-', ''), ?, 'hard_bounce', 'sendgrid:bounce', ?, now(), now())
         on conflict (email, reason) where deleted_at is null do nothing`,
        [original.email.toLowerCase(), r.message_id]
      )
    }
  }
  return fresh.length
}

async function states(db: Knex, set: string): Promise<string> {
  const { rows } = await db.raw(
    `select status, count(*)::int as n, count(delivered_at)::int as d, count(opened_at)::int as o, count(clicked_at)::int as c
     from retention_message where id like ? group by status order by status`,
    [`rmsg_${set}_%`]
  )
  const { rows: sup } = await db.raw(`select count(*)::int as n from retention_suppression where email like ?`, [`${set}%`])
  return JSON.stringify({ rows, suppressions: sup[0]?.n })
}

export default async function sendgridWebhookBench({ container }: ExecArgs) {
  const db: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const service: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
  const messages = Math.max(1, Math.floor(EVENTS / 4))
  const rawNew = await seed(db, "a", messages)
  const rawOld = await seed(db, "b", messages)
  await db.raw(`analyze retention_message`)

  const current = await time(() => service.applyProviderEvents(toInput(rawNew)))
  const previous = await time(() => applyPerEvent(db, rawOld))
  if (current.result.recorded !== EVENTS || previous.result !== EVENTS) {
    throw new Error(`not every event was recorded: ${current.result.recorded} and ${previous.result} of ${EVENTS}`)
  }
  const [a, b] = [await states(db, "a"), await states(db, "b")]
  if (a !== b) throw new Error(`the two ways disagree:\n${a}\n${b}`)

  console.log(
    `sendgrid-webhook: ${EVENTS} events over ${messages} messages (${(rawNew.length / 1e6).toFixed(1)} MB), batched ${current.ms.toFixed(0)} ms vs per event ${previous.ms.toFixed(0)} ms`
  )
  console.log(`BENCH_RESULT ${JSON.stringify({ name: "sendgrid-webhook", value: current.ms, unit: "ms", baseline: previous.ms })}`)
}
