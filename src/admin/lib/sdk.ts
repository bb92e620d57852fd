import Medusa from "@medusajs/js-sdk"

// The dashboard serves the admin from the same origin as the API.
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})

export type SectionState = {
  section: string
  values: Record<string, unknown>
  version: number
  updated_by: string | null
  updated_at: string | null
}

export type RetentionFeature = {
  key: string
  title: string
  description: string
  status: "available" | "planned"
}

export type Overview = {
  scheduler: {
    last_run_at: string | null
    run_count: number
    healthy: boolean
    /** src/lib/scheduler-status.ts: "starting" in the server's first minutes without a beat. */
    state: "running" | "starting" | "stale" | "not_running"
  }
  settings: { section: string; version: number; updated_at: string | null }[]
  features: RetentionFeature[]
}
