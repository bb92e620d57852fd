// Running the Medusa CLI of this repository from scripts: `npm run demo` and the browser test
// lane both migrate, seed and start a store with it.
const { spawn, spawnSync } = require("child_process")
const path = require("path")

const root = path.resolve(__dirname, "..", "..")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")

/**
 * Runs `medusa <args>` to completion. Throws with the command's own output when it fails; with
 * `quiet` the output is kept (and shown only on failure), otherwise it goes to this terminal.
 */
function runMedusa(args, env, { quiet = false } = {}) {
  const r = spawnSync(medusaBin, args, { cwd: root, env, encoding: "utf8", stdio: quiet ? "pipe" : "inherit" })
  if (r.status !== 0) {
    const output = quiet ? `${r.stdout || ""}${r.stderr || ""}` : ""
    const error = new Error(`"medusa ${args.join(" ")}" failed (exit ${r.status}).${output ? `\n${output.slice(-8000)}` : ""}`)
    error.output = output
    throw error
  }
  return r
}

/** `runMedusa` without blocking this process, so two commands can run at once; output kept. */
function runMedusaAsync(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    const keep = (chunk) => {
      output = (output + chunk).slice(-16000)
    }
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    child.on("error", reject)
    child.on("close", (status) => {
      if (status === 0) return resolve({ status, output })
      const error = new Error(`"medusa ${args.join(" ")}" failed (exit ${status}).\n${output.slice(-8000)}`)
      error.output = output
      reject(error)
    })
  })
}

/** Waits until `url` answers 2xx; false when `child` exits first or the time runs out. */
async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) return false
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return true
    await new Promise((r) => setTimeout(r, 1000))
  }
  return false
}

module.exports = { root, medusaBin, runMedusa, runMedusaAsync, waitForHealth }
