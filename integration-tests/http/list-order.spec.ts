// Sorting of the admin's paged lists through the real app (issue #14): each route's `order`
// query parameter, both directions, the tie-breaker on id, paging through a sorted list and the
// 400 naming `order` for a field the route does not sort by. Every list gets a small data set
// whose expected orders below are worked out by hand.
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import type ReplenishmentModuleService from "../../src/modules/replenishment/service"
import { createAdminAndLogin } from "../helpers/admin"
import { type ApiResponse, settle } from "../helpers/outbox"

jest.setTimeout(180_000)

type Pg = { raw: (sql: string, bindings: unknown[]) => Promise<unknown> }

const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12, 0, 0))
const DAY = 24 * 3600 * 1000

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const get = (url: string): Promise<ApiResponse> => settle(api.get(url, { headers }))
    const pg = (): Pg => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(getContainer(), api))
    })

    /** The ids of a list answer's rows, in the order the API returned them. */
    const idsOf = async (url: string, key: string) => {
      const res = await get(url)
      expect(res.status).toBe(200)
      return (res.data[key] as { id: string }[]).map((row) => row.id)
    }

    const expect400 = async (url: string) => {
      const res = await get(url)
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/^order: /)
      return res
    }

    describe("GET /admin/retention/messages", () => {
      it("sorts by date, recipient, status and template both ways, ties broken by id", async () => {
        const base = { topic: "cart_recovery" as const, category: "marketing" as const, locale: "en" }
        const rows = await messaging().createMessages([
          { ...base, idempotency_key: "sort-m1", to_email: "bob@sort.test", status: "sent" as const, template: "cart-reminder" },
          { ...base, idempotency_key: "sort-m2", to_email: "alice@sort.test", status: "failed" as const, template: "nps-survey" },
          { ...base, idempotency_key: "sort-m3", to_email: "carol@sort.test", status: "deferred" as const, template: "loyalty-points" },
          // Same instant as m1: the id decides between them.
          { ...base, idempotency_key: "sort-m4", to_email: "dan@sort.test", status: "queued" as const, template: "win-back" },
        ])
        const [m1, m2, m3, m4] = ["sort-m1", "sort-m2", "sort-m3", "sort-m4"].map((k) => rows.find((r) => r.idempotency_key === k)!.id)
        const created: [string, Date][] = [[m1, day(2)], [m2, day(3)], [m3, day(1)], [m4, day(2)]]
        for (const [id, at] of created) await pg().raw("update retention_message set created_at = ? where id = ?", [at.toISOString(), id])
        const [tieLow, tieHigh] = [m1, m4].sort()
        const list = (order?: string) => idsOf(`/admin/retention/messages?q=sort.test${order ? `&order=${order}` : ""}`, "messages")

        // Default and "-created_at": newest first; m1 and m4 share an instant, higher id first.
        expect(await list()).toEqual([m2, tieHigh, tieLow, m3])
        expect(await list("-created_at")).toEqual([m2, tieHigh, tieLow, m3])
        expect(await list("created_at")).toEqual([m3, tieLow, tieHigh, m2])
        // alice, bob, carol, dan.
        expect(await list("to_email")).toEqual([m2, m1, m3, m4])
        expect(await list("-to_email")).toEqual([m4, m3, m1, m2])
        // deferred, failed, queued, sent.
        expect(await list("status")).toEqual([m3, m2, m4, m1])
        expect(await list("-status")).toEqual([m1, m4, m2, m3])
        // cart-reminder, loyalty-points, nps-survey, win-back.
        expect(await list("template")).toEqual([m1, m3, m2, m4])
        expect(await list("-template")).toEqual([m4, m2, m3, m1])

        // Pages follow the order: the second page of two holds the third and fourth recipients.
        expect(await idsOf("/admin/retention/messages?q=sort.test&order=to_email&limit=2&offset=2", "messages")).toEqual([m3, m4])
      })

      it("answers 400 naming order for a field it does not sort by", async () => {
        const res = await expect400("/admin/retention/messages?order=subject")
        expect(res.data.message).toContain("created_at")
        await expect400(`/admin/retention/messages?order=${encodeURIComponent("created_at; drop table retention_message")}`)
        await expect400("/admin/retention/messages?order=--created_at")
        expect((await settle(api.get("/admin/retention/messages?order=to_email"))).status).toBe(401)
      })
    })

    describe("GET /admin/retention/subscriptions", () => {
      it("sorts by next renewal, created date, status, email and interval length both ways", async () => {
        const replenishment: ReplenishmentModuleService = getContainer().resolve(RETENTION_REPLENISHMENT_MODULE)
        const now = Date.now()
        const subscription = (email: string, interval: string, status: "active" | "paused" | "canceled", renewsIn: number) => ({
          customer_id: `cus_${email.split("@")[0]}`,
          email,
          items: [{ variant_id: "variant_sort", product_id: "prod_sort", quantity: 1, title: "Beans" }] as unknown as Record<string, unknown>,
          interval,
          period_at: new Date(now + renewsIn * DAY),
          next_run_at: new Date(now + renewsIn * DAY),
          status,
          region_id: "reg_sort",
          currency_code: "eur",
          shipping_address: { country_code: "de" },
          payment_provider_id: "pp_system_default",
        })
        const subs = await replenishment.createSubscriptions([
          subscription("mia@sort.test", "1m", "active", 10),
          subscription("ann@sort.test", "2w", "paused", 3),
          subscription("zoe@sort.test", "30d", "canceled", 20),
        ])
        const [s1, s2, s3] = ["mia", "ann", "zoe"].map((name) => subs.find((s) => s.email.startsWith(name))!.id)
        const created: [string, Date][] = [[s1, day(2)], [s2, day(3)], [s3, day(1)]]
        for (const [id, at] of created) await pg().raw("update retention_subscription set created_at = ? where id = ?", [at.toISOString(), id])
        const list = (order?: string) => idsOf(`/admin/retention/subscriptions?q=sort.test${order ? `&order=${order}` : ""}`, "subscriptions")

        expect(await list()).toEqual([s2, s1, s3])
        expect(await list("created_at")).toEqual([s3, s1, s2])
        // Renewals in 3, 10 and 20 days.
        expect(await list("period_at")).toEqual([s2, s1, s3])
        expect(await list("-period_at")).toEqual([s3, s1, s2])
        expect(await list("email")).toEqual([s2, s1, s3])
        expect(await list("-email")).toEqual([s3, s1, s2])
        // active, canceled, paused.
        expect(await list("status")).toEqual([s1, s3, s2])
        expect(await list("-status")).toEqual([s2, s3, s1])
        // 14 days, 30 days, 30.4 days: by length, not by the code's text ("1m" < "2w" < "30d").
        expect(await list("interval")).toEqual([s2, s3, s1])
        expect(await list("-interval")).toEqual([s1, s3, s2])
        expect(await idsOf("/admin/retention/subscriptions?q=sort.test&order=interval&limit=1&offset=1", "subscriptions")).toEqual([s3])
      })

      it("answers 400 naming order for a field it does not sort by", async () => {
        await expect400("/admin/retention/subscriptions?order=renewal_value")
        await expect400("/admin/retention/subscriptions?order=-")
        expect((await settle(api.get("/admin/retention/subscriptions?order=email"))).status).toBe(401)
      })
    })

    describe("GET /admin/retention/consent/suppressions and /consent/log", () => {
      it("sorts suppressions by date, address, reason and source both ways", async () => {
        const rows = await messaging().createSuppressions([
          { email: "a@sort.test", reason: "manual" as const, source: "admin" },
          { email: "b@sort.test", reason: "hard_bounce" as const, source: "sendgrid" },
          { email: "c@sort.test", reason: "spam_complaint" as const, source: "sendgrid" },
        ])
        const [a, b, c] = ["a@", "b@", "c@"].map((p) => rows.find((r) => r.email.startsWith(p))!.id)
        const created: [string, Date][] = [[a, day(2)], [b, day(3)], [c, day(1)]]
        for (const [id, at] of created) await pg().raw("update retention_suppression set created_at = ? where id = ?", [at.toISOString(), id])
        const list = (order?: string) => idsOf(`/admin/retention/consent/suppressions?q=sort.test${order ? `&order=${order}` : ""}`, "suppressions")

        expect(await list()).toEqual([b, a, c])
        expect(await list("created_at")).toEqual([c, a, b])
        expect(await list("email")).toEqual([a, b, c])
        expect(await list("-email")).toEqual([c, b, a])
        // hard_bounce, manual, spam_complaint.
        expect(await list("reason")).toEqual([b, a, c])
        expect(await list("-reason")).toEqual([c, a, b])
        // admin, then the two from sendgrid by id.
        const [low, high] = [b, c].sort()
        expect(await list("source")).toEqual([a, low, high])
        expect(await list("-source")).toEqual([high, low, a])
        // The CSV export follows the same order.
        const csv = await get("/admin/retention/consent/suppressions?q=sort.test&order=email&format=csv")
        expect(String(csv.data).trim().split("\n").slice(1).map((line) => line.split(",")[0])).toEqual(["a@sort.test", "b@sort.test", "c@sort.test"])
      })

      it("sorts the consent log by date, address and source both ways", async () => {
        const rows = await messaging().createConsentLogs([
          { email: "x@sort.test", topic: "all", status: "granted" as const, source: "admin", recorded_at: day(2) },
          { email: "y@sort.test", topic: "all", status: "revoked" as const, source: "one_click", recorded_at: day(1) },
          { email: "w@sort.test", topic: "all", status: "revoked" as const, source: "preferences", recorded_at: day(3) },
        ])
        const [e1, e2, e3] = ["x@", "y@", "w@"].map((p) => rows.find((r) => r.email.startsWith(p))!.id)
        const list = (order?: string) => idsOf(`/admin/retention/consent/log?q=sort.test${order ? `&order=${order}` : ""}`, "entries")

        expect(await list()).toEqual([e3, e1, e2])
        expect(await list("recorded_at")).toEqual([e2, e1, e3])
        expect(await list("email")).toEqual([e3, e1, e2])
        expect(await list("-email")).toEqual([e2, e1, e3])
        // admin, one_click, preferences.
        expect(await list("source")).toEqual([e1, e2, e3])
        expect(await list("-source")).toEqual([e3, e2, e1])
      })

      it("answers 400 naming order for a field a list does not sort by", async () => {
        await expect400("/admin/retention/consent/suppressions?order=message_id")
        await expect400("/admin/retention/consent/suppressions?order=recorded_at")
        await expect400("/admin/retention/consent/log?order=created_at")
        await expect400("/admin/retention/consent/log?order=note")
        expect((await settle(api.get("/admin/retention/consent/log?order=email"))).status).toBe(401)
      })
    })

    describe("GET /admin/retention/nps/responses", () => {
      it("sorts by date and by score both ways; equal scores newest first", async () => {
        const nps: NpsModuleService = getContainer().resolve(RETENTION_NPS_MODULE)
        const survey = (key: string) => ({
          order_id: `order_sort_${key}`,
          email: `${key}@sort.test`,
          fulfillment_id: `ful_sort_${key}`,
          delivered_at: day(1),
          due_at: day(1),
          sent_at: day(1),
          status: "sent" as const,
        })
        const surveys = await nps.createNpsSurveys([survey("r1"), survey("r2"), survey("r3"), survey("r4")])
        const response = (key: string, score: number, category: "promoter" | "passive" | "detractor", at: Date, status: "confirmed" | "tentative" = "confirmed") => {
          const s = surveys.find((x) => x.email.startsWith(`${key}@`))!
          return { survey_id: s.id, order_id: s.order_id, email: s.email, score, category, status, first_clicked_at: at, last_clicked_at: at, confirmed_at: status === "confirmed" ? at : null }
        }
        const created = await nps.createNpsResponses([
          response("r1", 9, "promoter", day(2)),
          response("r2", 3, "detractor", day(1)),
          response("r3", 9, "promoter", day(3)),
          // Not confirmed: never in the feed, whatever the order.
          response("r4", 0, "detractor", day(4), "tentative"),
        ])
        const [r1, r2, r3] = ["r1@", "r2@", "r3@"].map((p) => created.find((r) => r.email.startsWith(p))!.id)
        const list = (order?: string) => idsOf(`/admin/retention/nps/responses?q=sort.test${order ? `&order=${order}` : ""}`, "responses")

        expect(await list()).toEqual([r3, r1, r2])
        expect(await list("-confirmed_at")).toEqual([r3, r1, r2])
        expect(await list("confirmed_at")).toEqual([r2, r1, r3])
        // 9 (day 3), 9 (day 2), 3; and 3 first the other way, the nines still newest first.
        expect(await list("-score")).toEqual([r3, r1, r2])
        expect(await list("score")).toEqual([r2, r3, r1])
        expect(await idsOf("/admin/retention/nps/responses?q=sort.test&order=score&limit=1&offset=2", "responses")).toEqual([r1])
      })

      it("answers 400 naming order for a field it does not sort by", async () => {
        await expect400("/admin/retention/nps/responses?order=email")
        await expect400("/admin/retention/nps/responses?order=SCORE")
        expect((await settle(api.get("/admin/retention/nps/responses?order=score"))).status).toBe(401)
      })
    })

    describe("GET /admin/retention/cart-recovery/carts", () => {
      it("sorts by last activity, email and value both ways", async () => {
        const recovery: CartRecoveryModuleService = getContainer().resolve(RETENTION_CART_RECOVERY_MODULE)
        const cart = (key: string, value: number, at: Date) => ({ cart_id: `cart_sort_${key}`, email: `${key}@sort.test`, currency_code: "eur", value, last_activity_at: at })
        const rows = await recovery.createTrackedCarts([cart("kim", 9, day(2)), cart("lea", 100, day(3)), cart("jon", 25, day(1))])
        const [c1, c2, c3] = ["kim", "lea", "jon"].map((k) => rows.find((r) => r.email.startsWith(k))!.id)
        const list = (order?: string) => idsOf(`/admin/retention/cart-recovery/carts?q=sort.test${order ? `&order=${order}` : ""}`, "carts")

        expect(await list()).toEqual([c2, c1, c3])
        expect(await list("last_activity_at")).toEqual([c3, c1, c2])
        // jon, kim, lea.
        expect(await list("email")).toEqual([c3, c1, c2])
        expect(await list("-email")).toEqual([c2, c1, c3])
        // 9, 25, 100: as numbers, not as text.
        expect(await list("value")).toEqual([c1, c3, c2])
        expect(await list("-value")).toEqual([c2, c3, c1])
      })

      it("answers 400 naming order for a field it does not sort by", async () => {
        await expect400("/admin/retention/cart-recovery/carts?order=status")
        expect((await settle(api.get("/admin/retention/cart-recovery/carts?order=email"))).status).toBe(401)
      })
    })
  },
})
