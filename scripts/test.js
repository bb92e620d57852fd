#!/usr/bin/env node
// `npm test`: every lane in order, each run even when an earlier one failed, then every lane's
// result and one summary line "N passed, N failed". `node scripts/test.js <lane> [...]` runs
// chosen lanes only.
//
// Logs: the app under test logs at "error" only (LOG_LEVEL=error), so a failure is readable;
// RETENTION_TEST_LOGS=1 (or any LOG_LEVEL) brings the full server logs back.
//
// Database: DATABASE_URL or DB_* when set; otherwise an embedded PostgreSQL is started for the
// run (data under .test-pg/, git-ignored) and stopped afterwards.
// Redis: the `redis` lane runs when REDIS_URL is set and is skipped, loudly, when it is not.
const { spawn } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { resolvePostgres } = require("./lib/database")

const root = path.resolve(__dirname, "..")
const LANES = ["typecheck", "unit", "integration:modules", "integration:http", "redis", "browser", "package"]
const DB_LANES = new Set(["integration:modules", "integration:http", "redis", "browser", "package"])
// The browser lane drives Debian's chromium (apt-get install chromium); .ci/run installs it.
const CHROMIUM = process.env.RETENTION_CHROMIUM || "/usr/bin/chromium"

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: "inherit" })
    const forward = (sig) => child.kill(sig)
    process.on("SIGINT", forward)
    process.on("SIGTERM", forward)
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward)
      process.off("SIGTERM", forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

const bin = (name) => path.join(root, "node_modules", ".bin", name)
const seconds = (ms) => `${Math.round(ms / 1000)} s`

/** The lane's five slowest spec files, so the place to save CI time is in the log. */
function printSlowest(lane, files) {
  const timed = files
    .filter((f) => f.startTime && f.endTime)
    .map((f) => ({ file: path.relative(root, f.name), ms: f.endTime - f.startTime }))
    .sort((a, b) => b.ms - a.ms)
  if (timed.length < 2) return
  const list = timed.slice(0, 5).map((f) => `${f.file} ${seconds(f.ms)}`).join(", ")
  console.log(`lane ${lane}: slowest files: ${list}`)
}

/** The first non-empty line of a jest message, without colour codes, at most 200 characters. */
function firstLine(text) {
  const line = String(text || "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean)
  return line ? ` (${line.slice(0, 200)})` : ""
}

/**
 * Each failed test's file, name and the first line of its message, gathered for the end of the
 * run: a long log is often read from its tail, and a failure must not be lost in the middle.
 */
function failedTests(lane, files) {
  const out = []
  for (const f of files) {
    const file = path.relative(root, f.name)
    const failed = (f.assertionResults || []).filter((t) => t.status === "failed")
    for (const t of failed) {
      out.push(`${lane}: ${file} › ${t.fullName || t.title}${firstLine((t.failureMessages || []).join("\n"))}`)
    }
    // A file that failed with no failed test did not run (a syntax error, a throwing beforeAll).
    if (!failed.length && f.status === "failed") out.push(`${lane}: ${file} did not run${firstLine(f.message)}`)
  }
  return out
}

async function jestLane(lane, env, totals) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "retention-jest-")), "report.json")
  const args = ["--selectProjects", lane, "--json", `--outputFile=${report}`, "--passWithNoTests"]
  if (DB_LANES.has(lane)) {
    // One Medusa app or module runner at a time (2 cores, and each boots a database), in one
    // worker process that is replaced when a spec file leaves it above 1 GB: a booted Medusa app
    // leaves memory behind in the process, and twenty specs in one process ran out of heap.
    args.push("--maxWorkers=1", "--workerIdleMemoryLimit=1GB", "--forceExit")
  }
  const code = await run(bin("jest"), args, env)
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, "utf8"))
    totals.passed += r.numPassedTests
    totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0)
    totals.skipped += r.numPendingTests + r.numTodoTests
    const line = `lane ${lane}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`
    console.log(line)
    printSlowest(lane, r.testResults || [])
    totals.failures.push(...failedTests(lane, r.testResults || []))
    return { code, line }
  }
  totals.failed += 1
  return { code: code || 1, line: `lane ${lane}: no report (jest exit ${code})` }
}

async function main() {
  const requested = process.argv.slice(2)
  for (const lane of requested) {
    if (!LANES.includes(lane)) {
      console.error(`unknown lane "${lane}"; lanes: ${LANES.join(", ")}`)
      process.exit(2)
    }
  }
  const lanes = requested.length ? requested : LANES
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] }
  const baseEnv = {
    ...process.env,
    NODE_ENV: "test",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules", "--no-warnings"]
      .filter(Boolean)
      .join(" "),
    MEDUSA_ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: process.env.LOG_LEVEL || (process.env.RETENTION_TEST_LOGS ? "info" : "error"),
  }

  let db = null
  const stopDb = async () => {
    if (db) {
      const d = db
      db = null
      await d.stop().catch(() => {})
    }
  }
  const onSignal = () => stopDb().finally(() => process.exit(130))
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)

  let exitCode = 0
  const results = []
  try {
    for (const lane of lanes) {
      console.log(`\n=== ${lane} ===`)
      let env = { ...baseEnv }
      if (DB_LANES.has(lane)) {
        if (lane === "redis" && !process.env.REDIS_URL) {
          console.warn(
            "\n!!! SKIPPED lane redis: REDIS_URL is not set. The production setup (Redis event bus,\n" +
              "!!! workflow engine and locking) is NOT tested on this machine. CI sets REDIS_URL.\n"
          )
          results.push("lane redis: SKIPPED (REDIS_URL is not set)")
          continue
        }
        if (lane === "browser" && !fs.existsSync(CHROMIUM)) {
          console.warn(
            `\n!!! SKIPPED lane browser: no chromium at ${CHROMIUM}. The admin is NOT tested in a real\n` +
              "!!! browser on this machine (apt-get install chromium, or set RETENTION_CHROMIUM). CI installs it.\n"
          )
          results.push(`lane browser: SKIPPED (no chromium at ${CHROMIUM})`)
          continue
        }
        db ??= await resolvePostgres({
          dataDir: path.join(root, ".test-pg", "data"),
          preferredPort: 54350,
          log: (m) => console.log(m),
        })
        env = { ...env, ...db.env }
        delete env.DATABASE_URL
        // Only the redis lane boots the production Redis setup (medusa-config.ts reads REDIS_URL).
        if (lane !== "redis") {
          delete env.REDIS_URL
        }
      }
      let code
      let line
      const started = Date.now()
      if (lane === "typecheck") {
        const backend = await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.typecheck.json"], env)
        const admin = await run(bin("tsc"), ["--noEmit", "-p", "src/admin/tsconfig.json"], env)
        code = backend || admin
        line = code === 0 ? "lane typecheck: backend and admin clean" : "lane typecheck: FAILED (type errors above)"
        if (code !== 0) totals.failed += 1
        console.log(line)
      } else {
        ;({ code, line } = await jestLane(lane, env, totals))
      }
      if (code !== 0) {
        // Keep going: one failing lane must not hide what the others would say.
        console.error(`\nlane ${lane} failed (exit ${code}); continuing with the other lanes`)
        exitCode = code || 1
        line = line.includes("FAILED") ? line : `${line} (FAILED, exit ${code})`
      }
      results.push(`${line} in ${seconds(Date.now() - started)}`)
    }
  } finally {
    await stopDb()
  }
  console.log("\n=== results ===")
  for (const line of results) console.log(line)
  if (totals.failures.length) {
    console.log("\nfailed:")
    for (const line of totals.failures) console.log(`  ${line}`)
  }
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : ""
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`)
  process.exit(exitCode || (totals.failed ? 1 : 0))
}

main().catch(async (e) => {
  console.error(e)
  process.exit(1)
})
