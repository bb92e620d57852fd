import http from "node:http"

// A stand-in for api.sendgrid.com at the network boundary: the real
// @sendgrid/mail client talks HTTP to it, it records every request and
// answers from a script.

export type RecordedRequest = {
  method: string | undefined
  url: string | undefined
  headers: http.IncomingHttpHeaders
  body: unknown
  receivedAt: number
}

export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Drop the connection without answering (the client sees ECONNRESET). */
  | "reset"

export type FakeSendgrid = {
  baseUrl: string
  requests: RecordedRequest[]
  close: () => Promise<void>
}

export async function startFakeSendgrid(
  script: ScriptedReply[] = []
): Promise<FakeSendgrid> {
  const requests: RecordedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8")
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: raw ? JSON.parse(raw) : undefined,
        receivedAt: Date.now(),
      })
      const reply = script[requests.length - 1] ?? {
        status: 202,
        headers: { "X-Message-Id": `msg-${requests.length}` },
      }
      if (reply === "reset") {
        req.socket.destroy()
        return
      }
      res.writeHead(reply.status, {
        "Content-Type": "application/json",
        ...reply.headers,
      })
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body))
    })
  })
  const port = await listenOnRandomPort(server)
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Node 20's global agent keeps sockets alive; close them or close() waits.
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** A port nothing listens on: bind, note the port, close. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer()
  const port = await listenOnRandomPort(server)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

async function listenOnRandomPort(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  if (address === null || typeof address === "string") {
    throw new Error("expected a TCP address")
  }
  return address.port
}
