import crypto from "crypto"
import { FakeSendgrid, ScriptedReply, startFakeSendgrid } from "../../src/providers/sendgrid-marketing/__tests__/fake-sendgrid-server"

/** An ECDSA P-256 key pair like the one SendGrid signs its Event Webhook with. */
export function webhookKeys() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  const publicKeyBase64 = publicKey.export({ type: "spki", format: "der" }).toString("base64")
  const sign = (timestamp: string, body: string) =>
    crypto.createSign("sha256").update(timestamp + body).sign(privateKey).toString("base64")
  return { publicKeyBase64, sign }
}

/**
 * A SendGrid stand-in for a whole test file: started before the test runner boots the app, with
 * the app's provider pointed at it (medusa-config.ts reads these variables at boot, so call this
 * at the top of the file, before medusaIntegrationTestRunner), and closed after the file. Replies
 * come from `script` in arrival order; `extraEnv` is set the same way.
 */
export function useFakeSendgrid(script: ScriptedReply[], extraEnv: Record<string, string> = {}): FakeSendgrid {
  let server: FakeSendgrid | undefined
  const started = () => {
    if (!server) throw new Error("the fake SendGrid server starts in beforeAll")
    return server
  }
  beforeAll(async () => {
    server = await startFakeSendgrid(script)
    Object.assign(process.env, {
      RETENTION_EMAIL_PROVIDER: "sendgrid",
      SENDGRID_API_KEY: "SG.test-key",
      SENDGRID_BASE_URL: server.baseUrl,
      SENDGRID_RETRY_BASE_MS: "5",
      ...extraEnv,
    })
  })
  afterAll(async () => {
    await server?.close()
  })
  return {
    get baseUrl() {
      return started().baseUrl
    },
    get requests() {
      return started().requests
    },
    close: () => started().close(),
  }
}
