// The HTTP lane's test runner: Medusa's medusaIntegrationTestRunner, with every spec's database
// cloned from one already-migrated template instead of migrated from scratch.
//
// Each spec file boots the app on a fresh database. Migrating it (every Medusa module, the
// plugin's modules, the links) took about 10 s of each file's time, the same work 27 times per
// run. The first spec of a run saves its database as `retention-http-<hash>` right after the app
// started (before the suite's own hooks write anything); later specs are created from it with
// CREATE DATABASE … TEMPLATE, and the runner's own migration step then finds every module up to
// date. The hash covers what decides the schema (the plugin's migrations and links, the store's
// config, the installed Medusa), so a changed migration gets a new template, and older templates
// are dropped when a new one is saved. Any failure to clone falls back to migrating as before.
import crypto from "crypto"
import fs from "fs"
import path from "path"
import { Client } from "@medusajs/framework/pg"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

type RunnerOptions = Parameters<typeof medusaIntegrationTestRunner>[0]

const ROOT = path.resolve(__dirname, "../..")
const TEMPLATE_PREFIX = "retention-http-"

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(full) : [full]
  })
}

/** What decides the migrated schema: migrations, links, the store's config, Medusa's version. */
function schemaHash(): string {
  const files = [
    ...filesUnder(path.join(ROOT, "src/modules")).filter((f) => f.includes(`${path.sep}migrations${path.sep}`)),
    ...filesUnder(path.join(ROOT, "src/links")),
    path.join(ROOT, "medusa-config.ts"),
    path.join(ROOT, "node_modules/@medusajs/medusa/package.json"),
  ].sort()
  const hash = crypto.createHash("sha256")
  for (const f of files) hash.update(path.relative(ROOT, f)).update("\0").update(fs.readFileSync(f)).update("\0")
  // The Redis modules (workflow engine) bring tables of their own.
  hash.update(process.env.REDIS_URL ? "redis" : "local")
  return hash.digest("hex").slice(0, 16)
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

async function withAdminClient<T>(run: (client: InstanceType<typeof Client>) => Promise<T>): Promise<T> {
  const client = new Client({
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database: "postgres",
  })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

async function databaseExists(client: InstanceType<typeof Client>, name: string) {
  const { rows } = await client.query("select 1 from pg_database where datname = $1", [name])
  return rows.length > 0
}

/** Creates `dbName` from the template when there is one; false when the runner must migrate. */
async function cloneTemplate(dbName: string, template: string): Promise<boolean> {
  try {
    return await withAdminClient(async (client) => {
      if (!(await databaseExists(client, template))) return false
      await client.query(`create database ${quote(dbName)} template ${quote(template)}`)
      return true
    })
  } catch {
    // Another process copying or saving the template at this moment: migrate instead.
    return false
  }
}

/** Saves the freshly migrated `dbName` as the template, dropping templates of older schemas. */
async function saveTemplate(dbName: string, template: string) {
  await withAdminClient(async (client) => {
    const { rows } = await client.query("select datname from pg_database where datname like $1 and datname <> $2", [
      `${TEMPLATE_PREFIX}%`,
      template,
    ])
    for (const r of rows) await client.query(`drop database if exists ${quote(r.datname)} with (force)`).catch(() => undefined)
    // CREATE DATABASE … TEMPLATE needs the source to have no other sessions: the app's pooled
    // connections are ended (its pool opens new ones on its next query), as the runner itself
    // does when it snapshots the database before each test.
    await client.query(`alter database ${quote(dbName)} with allow_connections false`)
    try {
      await client.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [dbName])
      await client.query(`create database ${quote(template)} template ${quote(dbName)}`).catch(() => undefined)
    } finally {
      await client.query(`alter database ${quote(dbName)} with allow_connections true`)
    }
  })
}

/** medusaIntegrationTestRunner, on a database cloned from the run's migrated template. */
export function retentionTestRunner(options: RunnerOptions) {
  const dbName = `retention-test-${crypto.randomBytes(6).toString("hex")}-${process.env.JEST_WORKER_ID ?? "1"}`
  const template = `${TEMPLATE_PREFIX}${schemaHash()}`
  let cloned = false
  return medusaIntegrationTestRunner({
    ...options,
    dbName,
    hooks: {
      ...options.hooks,
      beforeServerStart: async (container) => {
        cloned = await cloneTemplate(dbName, template)
        await options.hooks?.beforeServerStart?.(container)
      },
    },
    testSuite: (suite) => {
      // Registered before the suite's own hooks: runs once the runner has migrated the database
      // and started the app, before the suite seeds anything.
      beforeAll(async () => {
        if (!cloned) await saveTemplate(dbName, template)
      })
      options.testSuite(suite)
    },
  })
}
