import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"

/** One email as the local outbox provider writes it. */
export type OutboxFile = { to: string; subject: string; html: string; text: string | null; template: string }

/**
 * Points the app's email provider at a fresh outbox folder for this spec file. Call it at the
 * top of the file, before `medusaIntegrationTestRunner`: its `beforeAll` must run before the
 * runner boots the app, so medusa-config.ts sees the folder.
 */
export function useOutbox(name: string) {
  let dir = ""
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `retention-${name}-outbox-`))
    process.env.RETENTION_OUTBOX_DIR = dir
    process.env.RETENTION_EMAIL_PROVIDER = "outbox"
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** Every email in the outbox so far. */
  const all = async (): Promise<OutboxFile[]> => {
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json"))
    return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), "utf8")) as OutboxFile))
  }
  /** The emails to one address. */
  const mailTo = async (email: string): Promise<OutboxFile[]> => (await all()).filter((m) => m.to === email)
  return { all, mailTo }
}

/** An HTTP answer, also for a 4xx/5xx (axios rejects those). */
export type ApiResponse = { status: number; data: Record<string, any>; headers: Record<string, string> }

/** Resolves a request that may fail with the response itself, so a test can assert on a 4xx. */
export const settle = (p: Promise<ApiResponse>): Promise<ApiResponse> =>
  p.catch((e: { response?: ApiResponse }) => {
    if (!e.response) throw e
    return e.response
  })
