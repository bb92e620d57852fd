#!/usr/bin/env node
// `npm run demo`: a demo store with the plugin, in one command.
//  - installs dependencies when node_modules is missing;
//  - uses DATABASE_URL when set, otherwise an embedded PostgreSQL under .demo-data/ on a port
//    that does not collide with a PostgreSQL on 5432;
//  - migrates (skipped when nothing changed since the last run), seeds once, creates an admin;
//  - runs `medusa develop` (API + admin) on port 9000 with emails going to the local outbox;
//  - Ctrl-C stops Medusa and PostgreSQL and leaves no process behind.
const { spawn, spawnSync } = require("child_process")
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { runMedusa, waitForHealth } = require("./lib/medusa-cli")

const root = path.resolve(__dirname, "..")
const dataDir = path.join(root, ".demo-data")
const stateFile = path.join(dataDir, "state.json")
const PORT = Number(process.env.PORT || 9000)
const DB_NAME = "medusa_retention_demo"
const ADMIN = { email: process.env.DEMO_ADMIN_EMAIL || "admin@retention.demo", password: process.env.DEMO_ADMIN_PASSWORD || "retention-demo" }
const SEED_MARKER_SQL = "select 1 from sales_channel where name = 'Retention Demo Store' and deleted_at is null"

const say = (m) => console.log(`[demo] ${m}`)
const fail = (m) => {
  console.error(`\n[demo] ${m}\n`)
  process.exit(1)
}

function ensureInstalled() {
  if (fs.existsSync(path.join(root, "node_modules", "@medusajs", "medusa"))) return
  say("installing dependencies (npm install, about a minute)…")
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" })
  if (r.status !== 0) fail("npm install failed; see the output above.")
}

function medusa(args, env, opts = {}) {
  try {
    return runMedusa(args, env, opts)
  } catch (e) {
    fail(e.message)
  }
}

/** Hash of what decides whether migrations may be pending: installed versions and migration files. */
function schemaFingerprint() {
  const h = crypto.createHash("sha256")
  const lock = path.join(root, "package-lock.json")
  if (fs.existsSync(lock)) h.update(fs.readFileSync(lock))
  const modules = path.join(root, "src", "modules")
  for (const mod of fs.existsSync(modules) ? fs.readdirSync(modules).sort() : []) {
    const dir = path.join(modules, mod, "migrations")
    if (!fs.existsSync(dir)) continue
    for (const f of fs.readdirSync(dir).sort()) h.update(`${mod}/${f}:${fs.statSync(path.join(dir, f)).size}`)
  }
  const links = path.join(root, "src", "links")
  if (fs.existsSync(links)) h.update(fs.readdirSync(links).sort().join(","))
  return h.digest("hex")
}

/** Secrets for this demo store, generated once and kept in .demo-data/ (git-ignored). */
function demoSecrets() {
  const file = path.join(dataDir, "secrets.json")
  let secrets = {}
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, "utf8"))
  for (const key of ["RETENTION_TOKEN_SECRET", "JWT_SECRET", "COOKIE_SECRET"]) {
    secrets[key] ??= crypto.randomBytes(32).toString("hex")
  }
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  // Variables the developer set win over the generated ones.
  return Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, process.env[k] || v]))
}

async function query(env, sql) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: env.DATABASE_URL })
  await client.connect()
  try {
    return (await client.query(sql)).rowCount
  } catch (e) {
    // A relation that does not exist yet means "not seeded", not an error.
    if (e && e.code === "42P01") return 0
    throw e
  } finally {
    await client.end()
  }
}

async function main() {
  ensureInstalled()
  const { resolvePostgres, createDatabaseIfMissing, urlFromEnv, isPortFree } = require("./lib/database")

  if (!(await isPortFree(PORT, "0.0.0.0"))) {
    fail(`Port ${PORT} is already in use. Stop whatever is listening there (another Medusa?) or run with PORT=<free port> npm run demo.`)
  }

  fs.mkdirSync(dataDir, { recursive: true })
  const db = await resolvePostgres({ dataDir: path.join(dataDir, "postgres"), preferredPort: 54329, log: say })
  let child = null
  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    say("stopping…")
    if (child && child.exitCode === null) {
      // medusa develop starts its own children; signal the whole process group.
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {}
      await new Promise((resolve) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid, "SIGKILL")
          } catch {}
          resolve()
        }, 8000)
        child.once("exit", () => {
          clearTimeout(t)
          resolve()
        })
      })
    }
    await db.stop().catch(() => {})
    say(db.source === "embedded" ? "Medusa and the embedded PostgreSQL are stopped." : "Medusa is stopped.")
    process.exit(code)
  }
  process.on("SIGINT", () => stop(0))
  process.on("SIGTERM", () => stop(0))

  try {
    let databaseUrl = process.env.DATABASE_URL
    if (!databaseUrl) {
      await createDatabaseIfMissing(db.env, DB_NAME)
      databaseUrl = urlFromEnv(db.env, DB_NAME)
    } else {
      // A DATABASE_URL naming a database that does not exist yet: create it, as for the
      // embedded one. A role without CREATEDB leaves it to the migration to say what is wrong.
      const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
      if (name) {
        const created = await createDatabaseIfMissing(db.env, name).catch(() => false)
        if (created) say(`created the database ${name}`)
      }
    }
    const env = {
      ...process.env,
      ...demoSecrets(),
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      NODE_ENV: "development",
      // Emails go to the local outbox unless the developer configured SendGrid on purpose.
      RETENTION_EMAIL_PROVIDER: process.env.RETENTION_EMAIL_PROVIDER || "outbox",
    }
    delete env.DB_HOST

    const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, "utf8")) : {}
    const fingerprint = schemaFingerprint()
    const stateKey = databaseUrl.replace(/:[^:@/]*@/, "@")
    if (state.fingerprint === fingerprint && state.database === stateKey) {
      say("schema unchanged since the last run: skipping migrations")
    } else {
      say("migrating the database…")
      medusa(["db:migrate"], env, { quiet: true })
    }

    if (await query(env, SEED_MARKER_SQL)) {
      say("demo data already present: not seeding again")
    } else {
      say("seeding the demo store (once)…")
      medusa(["exec", "./scripts/demo/seed.ts"], env)
    }

    if (!(await query({ DATABASE_URL: databaseUrl }, `select 1 from provider_identity where entity_id = '${ADMIN.email.replace(/'/g, "''")}'`))) {
      medusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, { quiet: true })
    }
    fs.writeFileSync(stateFile, JSON.stringify({ fingerprint, database: stateKey }, null, 2))

    say(`starting Medusa on http://localhost:${PORT} …`)
    child = spawn(path.join(root, "node_modules", ".bin", "medusa"), ["develop"], {
      cwd: root,
      env,
      stdio: "inherit",
      detached: true,
    })
    child.on("exit", (code) => {
      if (!stopping) {
        say(`Medusa exited (code ${code}).`)
        stop(code || 1)
      }
    })
    if (await waitForHealth(`http://localhost:${PORT}/health`, child, 180_000)) {
      console.log(
        [
          "",
          "  ┌────────────────────────────────────────────────────────────┐",
          `    Demo store ready: http://localhost:${PORT}/app`,
          `    Retention:        http://localhost:${PORT}/app/retention`,
          `    Admin login:      ${ADMIN.email} / ${ADMIN.password}`,
          `    Emails:           ${path.join(root, ".outbox")} and Retention → Messages`,
          "    Ctrl-C stops Medusa and PostgreSQL.",
          "  └────────────────────────────────────────────────────────────┘",
          "",
        ].join("\n")
      )
    } else if (!stopping) {
      say("Medusa did not answer /health within 3 minutes; see its output above.")
      await stop(1)
    }
  } catch (e) {
    console.error(e)
    await stop(1)
  }
}

main()
