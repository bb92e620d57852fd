import { createPublicKey, KeyObject, verify } from "node:crypto"

/** Headers SendGrid signs its Event Webhook requests with. */
export const SENDGRID_SIGNATURE_HEADER =
  "x-twilio-email-event-webhook-signature"
export const SENDGRID_TIMESTAMP_HEADER =
  "x-twilio-email-event-webhook-timestamp"

export type VerifySendgridSignatureInput = {
  /**
   * The verification key from SendGrid's Mail Settings: base64 DER
   * (SubjectPublicKeyInfo), a PEM block, or a KeyObject made once at startup.
   */
  publicKey: string | KeyObject
  /** The raw request body, byte for byte; re-serialized JSON will not verify. */
  payload: Buffer | string
  /** Base64 DER ECDSA signature from the signature header. */
  signature: string
  /** Unix seconds from the timestamp header, as sent. */
  timestamp: string | number
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
// A DER ECDSA P-256 signature is a SEQUENCE of two INTEGERs: 8 to 72 bytes.
const MAX_SIGNATURE_BYTES = 72

/**
 * Loads SendGrid's verification key, or returns undefined when it is not an
 * EC P-256 public key. Exposed so a caller can parse the key once.
 */
export function loadSendgridPublicKey(
  publicKey: string | KeyObject
): KeyObject | undefined {
  try {
    let key: KeyObject
    if (publicKey instanceof KeyObject) {
      key = publicKey
    } else if (publicKey.includes("-----BEGIN")) {
      key = createPublicKey(publicKey)
    } else {
      const der = publicKey.replace(/\s+/g, "")
      if (!BASE64.test(der)) {
        return undefined
      }
      key = createPublicKey({
        key: Buffer.from(der, "base64"),
        format: "der",
        type: "spki",
      })
    }
    const isP256 =
      key.type === "public" &&
      key.asymmetricKeyType === "ec" &&
      key.asymmetricKeyDetails?.namedCurve === "prime256v1"
    return isP256 ? key : undefined
  } catch {
    return undefined
  }
}

/**
 * Checks SendGrid's Event Webhook signature: ECDSA P-256 with SHA-256 over
 * the timestamp header followed by the raw body. Returns false, never
 * throws, on anything malformed, so a route can answer 401 without a
 * try/catch. Check the timestamp's age separately (isWithinReplayWindow).
 */
export function verifySendgridSignature(
  input: VerifySendgridSignatureInput
): boolean {
  try {
    const timestamp = String(input.timestamp).trim()
    if (!/^\d+$/.test(timestamp)) {
      return false
    }
    const signature = input.signature.trim()
    if (!BASE64.test(signature)) {
      return false
    }
    const signatureBytes = Buffer.from(signature, "base64")
    if (
      signatureBytes.length < 8 ||
      signatureBytes.length > MAX_SIGNATURE_BYTES
    ) {
      return false
    }
    const key = loadSendgridPublicKey(input.publicKey)
    if (!key) {
      return false
    }
    // Concatenate bytes, not strings: SendGrid signs the body as it sent it.
    const payload =
      typeof input.payload === "string"
        ? Buffer.from(input.payload, "utf8")
        : input.payload
    const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), payload])
    return verify("sha256", signed, { key, dsaEncoding: "der" }, signatureBytes)
  } catch {
    return false
  }
}
