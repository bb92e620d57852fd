import type { IncomingMessage } from "node:http"

export type RawBodyResult = { ok: true; body: Buffer } | { ok: false; reason: "too_large" }

/**
 * Reads a request body as bytes, stopping as soon as it passes `maxBytes` (a declared
 * Content-Length over the cap is refused before reading anything). For routes that must check
 * a signature over the exact bytes before spending any time parsing them.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<RawBodyResult> {
  const declared = Number(req.headers["content-length"])
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve({ ok: false, reason: "too_large" })
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      req.off("data", onData)
      req.off("end", onEnd)
      req.off("error", onError)
    }
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size > maxBytes) {
        done()
        // Stop reading; the caller answers and closes the connection.
        req.pause()
        resolve({ ok: false, reason: "too_large" })
        return
      }
      chunks.push(bytes)
    }
    const onEnd = () => {
      done()
      resolve({ ok: true, body: Buffer.concat(chunks, size) })
    }
    const onError = (e: Error) => {
      done()
      reject(e)
    }
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", onError)
  })
}
