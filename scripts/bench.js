#!/usr/bin/env node
// `npm run bench [-- <name>...]`: prints one line per benchmark,
//   BENCH <name> <value> <unit> baseline=<value> ratio=<x>
// Each benchmark measures its own baseline in the same run on the same machine; ratios, not
// absolute numbers, are what to compare across machines. Benchmarks that need a database
// use DATABASE_URL / DB_* or start an embedded PostgreSQL, create a throw-away database,
// and drop it (and stop PostgreSQL) when done.
const { spawn } = require("child_process")
const http = require("http")
const path = require("path")
const { resolvePostgres, createDatabaseIfMissing, urlFromEnv } = require("./lib/database")

const root = path.resolve(__dirname, "..")

// Asynchronous on purpose: the fake SendGrid server lives in this process, and a synchronous
// spawn would block the event loop it answers on.
function runChild(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += d))
    child.stderr.on("data", (d) => (stderr += d))
    child.on("close", (status) => resolve({ status, stdout, stderr }))
  })
}

function print(r) {
  const ratio = r.baseline > 0 ? r.value / r.baseline : 0
  const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2))
  // Two decimals, or two significant digits below 0.01 (a 200x speed-up is not "0.00").
  const fmtRatio = (x) => (x >= 0.01 || x === 0 ? x.toFixed(2) : x.toPrecision(2))
  console.log(`BENCH ${r.name} ${fmt(r.value)} ${r.unit} baseline=${fmt(r.baseline)} ratio=${fmtRatio(ratio)}`)
}

function loadTs(file) {
  // The pure benchmarks are TypeScript modules; compile them on the fly without type checks.
  require("ts-node").register({ transpileOnly: true, swc: true, compilerOptions: { module: "commonjs" } })
  return require(path.join(root, file))
}

/** A SendGrid stand-in on loopback: answers 202 with a message id, as the real API does. */
function startFakeSendgrid() {
  let n = 0
  const server = http.createServer((req, res) => {
    req.resume()
    req.on("end", () => {
      res.writeHead(202, { "X-Message-Id": `bench-${++n}` })
      res.end()
    })
  })
  server.keepAliveTimeout = 30_000
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }))
  )
}

async function withDatabase(fn) {
  const db = await resolvePostgres({ dataDir: path.join(root, ".bench-pg", "data"), preferredPort: 54370 })
  const name = `retention_bench_${process.pid}`
  const { Client } = require("pg")
  try {
    await createDatabaseIfMissing(db.env, name)
    return await fn(urlFromEnv(db.env, name))
  } finally {
    const admin = new Client({
      host: db.env.DB_HOST,
      port: Number(db.env.DB_PORT),
      user: db.env.DB_USERNAME,
      password: db.env.DB_PASSWORD || undefined,
      database: "postgres",
    })
    await admin.connect()
    // BENCH_KEEP_DATABASE=1 keeps the seeded database for EXPLAIN ANALYZE by hand (drop it yourself).
    if (process.env.BENCH_KEEP_DATABASE === "1") console.log(`bench: kept database ${name}`)
    else await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {})
    await admin.end()
    await db.stop()
  }
}

/**
 * Runs `bench/<name>.ts` with `medusa exec` inside a freshly migrated throw-away database and
 * returns the object it printed on its `BENCH_RESULT {json}` line; every line starting with
 * "<name>: " is echoed as a human summary.
 */
async function execBench(name, extraEnv = {}) {
  return withDatabase(async (databaseUrl) => {
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      MEDUSA_ADMIN_DISABLED: "true",
      MEDUSA_WORKER_MODE: "server",
      RETENTION_EMAIL_PROVIDER: "outbox",
      RETENTION_OUTBOX_DIR: path.join(root, ".bench-pg", "outbox"),
      RETENTION_TOKEN_SECRET: process.env.RETENTION_TOKEN_SECRET || "bench-token-secret-0123456789abcdef",
      JWT_SECRET: "bench",
      COOKIE_SECRET: "bench",
      LOG_LEVEL: "error",
      ...extraEnv,
    }
    delete env.REDIS_URL
    const medusa = path.join(root, "node_modules", ".bin", "medusa")
    const migrate = await runChild(medusa, ["db:migrate"], { cwd: root, env })
    if (migrate.status !== 0) throw new Error(`migration failed:\n${migrate.stdout}\n${migrate.stderr}`)
    // BENCH_NODE_ARGS (for example "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the benchmark process.
    const nodeArgs = (process.env.BENCH_NODE_ARGS || "").split(" ").filter(Boolean)
    const run = nodeArgs.length
      ? await runChild(process.execPath, [...nodeArgs, require.resolve("@medusajs/cli/cli.js"), "exec", `./bench/${name}.ts`], { cwd: root, env })
      : await runChild(medusa, ["exec", `./bench/${name}.ts`], { cwd: root, env })
    const lines = (run.stdout || "").split("\n")
    const line = lines.find((l) => l.startsWith("BENCH_RESULT "))
    if (run.status !== 0 || !line) throw new Error(`${name} benchmark failed:\n${run.stdout}\n${run.stderr}`)
    for (const summary of lines.filter((l) => l.startsWith(`${name}: `))) console.log(summary)
    return JSON.parse(line.slice("BENCH_RESULT ".length))
  })
}

const BENCHMARKS = {
  render: async () => loadTs("bench/render.ts").run(),
  // Lower is better here (ms): the ratio is tick / naive scan, so 0.02 means 50x faster.
  "cart-recovery-tick": async () => execBench("cart-recovery-tick"),
  // Lower is better (ms): tick / naive scan of flow entries at 1M (1,000 due); ratios per size printed.
  "flow-tick": async () => execBench("flow-tick"),
  // Higher is better (tx/s): ratio = through the workflow / straight to the ledger service.
  "loyalty-ledger": async () => execBench("loyalty-ledger"),
  // Lower is better (ms): ratio = read with 10,000 ledger rows / with 10; it should stay ~1.
  "loyalty-balance": async () => execBench("loyalty-balance"),
  // Lower is better (ms): ratio = dashboard aggregated in SQL / loaded and computed in JS,
  // over 1,000,000 NPS responses.
  "nps-aggregate": async () => execBench("nps-aggregate"),
  // Lower is better (ms): ratio = a 16,000-event webhook batch applied in batched statements /
  // the same batch applied one statement per event (the webhook's previous way).
  "sendgrid-webhook": async () => execBench("sendgrid-webhook"),
  send: async () => {
    const fake = await startFakeSendgrid()
    try {
      return await execBench("send", {
        RETENTION_EMAIL_PROVIDER: "sendgrid",
        SENDGRID_API_KEY: "SG.bench",
        SENDGRID_BASE_URL: fake.url,
      })
    } finally {
      fake.server.closeAllConnections()
      fake.server.close()
    }
  },
  // Lower is better (ms): ratio = the renewal tick's due read (lease + partial-index range scan +
  // release) / the same statement as a scan with no index for it, at 1,000,000 subscriptions of
  // which 1,000 are due; the summary also shows 10k and 100k (the tick should stay flat).
  "replenishment-due": async () => execBench("replenishment-due"),
  // Higher is better (orders/min): ratio = renewals through the plugin's renewal / Medusa's checkout
  // alone (cart, shipping, payment session, completeCartWorkflow) on the same carts, seeded demo store.
  renewal: async () => execBench("renewal"),
  // Lower is better (ms): ratio = the Overview for the last 30 days (and the 30 before) in SQL, as
  // the route runs it / the same figures from the periods' rows loaded into JavaScript, over
  // 1,000,000 orders and 5,000,000 messages (BENCH_ANALYTICS_ORDERS=100000 for a quick run).
  analytics: async () => execBench("analytics"),
}

async function main() {
  const names = process.argv.slice(2)
  for (const n of names) {
    if (!BENCHMARKS[n]) {
      console.error(`unknown benchmark "${n}"; available: ${Object.keys(BENCHMARKS).join(", ")}`)
      process.exit(2)
    }
  }
  let failed = false
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    try {
      print(await BENCHMARKS[name]())
    } catch (e) {
      failed = true
      console.error(`benchmark ${name} failed: ${e && e.stack ? e.stack : e}`)
    }
  }
  process.exit(failed ? 1 : 0)
}

main()
