import crypto from "crypto"

/** An ECDSA P-256 key pair like the one SendGrid signs its Event Webhook with. */
export function webhookKeys() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  const publicKeyBase64 = publicKey.export({ type: "spki", format: "der" }).toString("base64")
  const sign = (timestamp: string, body: string) =>
    crypto.createSign("sha256").update(timestamp + body).sign(privateKey).toString("base64")
  return { publicKeyBase64, sign }
}
