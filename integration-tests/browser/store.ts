// The store the browser lane drives: a fresh database with the demo data, the admin built for
// production (as a store serves it after `medusa build`) and `medusa start` on a free port,
// with emails going to a local outbox. Everything it writes goes under .browser-test/.
import { type ChildProcess, spawn } from "child_process"
import { randomBytes } from "crypto"
import fs from "fs"
import path from "path"
import { Client } from "pg"

const { root, medusaBin, runMedusaAsync, waitForHealth } = require("../../scripts/lib/medusa-cli")
const { findFreePort, urlFromEnv } = require("../../scripts/lib/database")

export const ADMIN = { email: "admin@retention.demo", password: "retention-demo" }
export const workDir = path.join(root, ".browser-test")
export const shotsDir = path.join(workDir, "screenshots")

export type BrowserStore = {
  base: string
  databaseUrl: string
  outboxDir: string
  logFile: string
  stop: () => Promise<void>
}

/** The last lines of the server's log, for a failure message. */
export function serverLogTail(store: Pick<BrowserStore, "logFile">, lines = 60) {
  if (!fs.existsSync(store.logFile)) return ""
  return fs.readFileSync(store.logFile, "utf8").split("\n").slice(-lines).join("\n")
}

async function recreateDatabase(pgEnv: Record<string, string>, name: string) {
  const client = new Client({ connectionString: urlFromEnv(pgEnv, "postgres") })
  await client.connect()
  try {
    await client.query(`drop database if exists "${name}" with (force)`)
    await client.query(`create database "${name}"`)
  } finally {
    await client.end()
  }
}

export async function startStore(): Promise<BrowserStore> {
  fs.rmSync(workDir, { recursive: true, force: true })
  fs.mkdirSync(shotsDir, { recursive: true })
  const pgEnv = {
    DB_HOST: process.env.DB_HOST || "localhost",
    DB_PORT: process.env.DB_PORT || "5432",
    DB_USERNAME: process.env.DB_USERNAME || "postgres",
    DB_PASSWORD: process.env.DB_PASSWORD || "",
  }
  const dbName = `retention_browser_${process.pid}`
  await recreateDatabase(pgEnv, dbName)
  const databaseUrl = urlFromEnv(pgEnv, dbName)
  const port = await findFreePort(9400)
  const base = `http://localhost:${port}`
  const outboxDir = path.join(workDir, "outbox")
  const logFile = path.join(workDir, "server.log")
  const secret = () => randomBytes(32).toString("hex")
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    // Not "development": that would serve the admin through Vite's dev server instead of the build.
    NODE_ENV: "test",
    LOG_LEVEL: process.env.RETENTION_TEST_LOGS ? "info" : "warn",
    RETENTION_TOKEN_SECRET: secret(),
    JWT_SECRET: secret(),
    COOKIE_SECRET: secret(),
    RETENTION_PUBLIC_URL: base,
    ADMIN_CORS: base,
    AUTH_CORS: base,
    RETENTION_EMAIL_PROVIDER: "outbox",
    RETENTION_OUTBOX_DIR: outboxDir,
  }
  // The lane runner's settings for the other lanes: a database by parts, no admin, no Redis.
  for (const key of ["DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_NAME", "MEDUSA_ADMIN_DISABLED", "REDIS_URL", "NODE_OPTIONS"]) {
    delete env[key]
  }

  // The database (migrate, demo seed, admin user) and the admin bundle are independent: they
  // are made at the same time, each mostly on its own core.
  const database = (async () => {
    await runMedusaAsync(["db:migrate"], env)
    await runMedusaAsync(["exec", "./scripts/demo/seed.ts"], env)
    await runMedusaAsync(["user", "-e", ADMIN.email, "-p", ADMIN.password], env)
  })()
  // The admin as `medusa build` bundles it, served by `medusa start` from public/admin.
  // NODE_ENV=production: the bundle merchants get (React's production build), not a test build.
  const bundle = runMedusaAsync(["build", "--admin-only"], { ...env, NODE_ENV: "production" })
  // Both settle before a failure is reported, so no command is left running behind it.
  const [db, admin] = await Promise.allSettled([database, bundle])
  for (const r of [db, admin]) if (r.status === "rejected") throw r.reason
  const served = path.join(root, "public", "admin")
  fs.rmSync(served, { recursive: true, force: true })
  fs.cpSync(path.join(root, ".medusa", "admin"), served, { recursive: true })

  const log = fs.openSync(logFile, "a")
  const child: ChildProcess = spawn(medusaBin, ["start"], { cwd: root, env, detached: true, stdio: ["ignore", log, log] })
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      try {
        process.kill(-child.pid!, "SIGTERM")
      } catch {}
      const killed = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL")
        } catch {}
      }, 8000)
      await exited
      clearTimeout(killed)
    }
    fs.closeSync(log)
    const client = new Client({ connectionString: urlFromEnv(pgEnv, "postgres") })
    await client.connect().then(() => client.query(`drop database if exists "${dbName}" with (force)`)).catch(() => {})
    await client.end().catch(() => {})
  }
  if (!(await waitForHealth(`${base}/health`, child, 180_000))) {
    await stop()
    throw new Error(`the store did not answer ${base}/health within 3 minutes:\n${serverLogTail({ logFile })}`)
  }
  return { base, databaseUrl, outboxDir, logFile, stop }
}
