import { generateKeyPairSync, sign } from "node:crypto"
import {
  loadSendgridPublicKey,
  verifySendgridSignature,
} from "../verify-signature"

// Signs the way SendGrid does: ECDSA P-256, SHA-256, DER signature, over the
// timestamp header followed by the raw body.
function signLikeSendgrid(
  privateKey: Parameters<typeof sign>[2],
  timestamp: string,
  payload: string
) {
  return sign(
    "sha256",
    Buffer.from(timestamp + payload, "utf8"),
    privateKey
  ).toString("base64")
}

function makeKeys() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", {
    namedCurve: "prime256v1",
  })
  return {
    privateKey,
    publicKeyBase64: publicKey
      .export({ format: "der", type: "spki" })
      .toString("base64"),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    publicKey,
  }
}

describe("verifySendgridSignature", () => {
  const keys = makeKeys()
  const timestamp = "1740830400"
  const payload =
    '[{"email":"ada@example.com","event":"delivered","sg_event_id":"ev1","sg_message_id":"abc.filter0001","timestamp":1740830399,"retention_message_id":"rmsg_01"}]\r\n'
  const signature = signLikeSendgrid(keys.privateKey, timestamp, payload)

  it("accepts a genuine signature with the key as base64 DER, PEM or KeyObject", () => {
    for (const publicKey of [
      keys.publicKeyBase64,
      keys.publicKeyPem,
      keys.publicKey,
    ]) {
      expect(
        verifySendgridSignature({ publicKey, payload, signature, timestamp })
      ).toBe(true)
    }
  })

  it("accepts the raw body as a Buffer and a numeric timestamp", () => {
    expect(
      verifySendgridSignature({
        publicKey: keys.publicKeyBase64,
        payload: Buffer.from(payload, "utf8"),
        signature,
        timestamp: Number(timestamp),
      })
    ).toBe(true)
  })

  it("rejects a tampered body", () => {
    expect(
      verifySendgridSignature({
        publicKey: keys.publicKeyBase64,
        payload: payload.replace("delivered", "bounce"),
        signature,
        timestamp,
      })
    ).toBe(false)
  })

  it("rejects a body that was parsed and re-serialized", () => {
    expect(
      verifySendgridSignature({
        publicKey: keys.publicKeyBase64,
        payload: JSON.stringify(JSON.parse(payload)),
        signature,
        timestamp,
      })
    ).toBe(false)
  })

  it("rejects a signature made with another key", () => {
    const other = makeKeys()
    expect(
      verifySendgridSignature({
        publicKey: other.publicKeyBase64,
        payload,
        signature,
        timestamp,
      })
    ).toBe(false)
  })

  it("rejects a different timestamp", () => {
    expect(
      verifySendgridSignature({
        publicKey: keys.publicKeyBase64,
        payload,
        signature,
        timestamp: String(Number(timestamp) + 1),
      })
    ).toBe(false)
  })

  it.each([
    ["empty", ""],
    ["not base64", "not a signature!"],
    ["random bytes", Buffer.alloc(70, 7).toString("base64")],
    ["too long", Buffer.alloc(512, 1).toString("base64")],
    ["truncated", signature.slice(0, 40)],
  ])("rejects a garbage signature (%s)", (_, garbage) => {
    expect(
      verifySendgridSignature({
        publicKey: keys.publicKeyBase64,
        payload,
        signature: garbage,
        timestamp,
      })
    ).toBe(false)
  })

  it.each([
    ["empty", ""],
    ["not base64", "%%%"],
    ["base64 of nothing useful", Buffer.from("hello").toString("base64")],
    [
      "a broken PEM",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
    ],
    [
      "an RSA key",
      generateKeyPairSync("rsa", { modulusLength: 2048 })
        .publicKey.export({ format: "der", type: "spki" })
        .toString("base64"),
    ],
    [
      "a P-384 key",
      generateKeyPairSync("ec", { namedCurve: "secp384r1" })
        .publicKey.export({ format: "der", type: "spki" })
        .toString("base64"),
    ],
  ])("returns false for a bad key (%s) without throwing", (_, publicKey) => {
    expect(
      verifySendgridSignature({ publicKey, payload, signature, timestamp })
    ).toBe(false)
  })

  it.each(["", "abc", "1740830400.5", "-1"])("rejects timestamp %j", (bad) => {
    expect(
      verifySendgridSignature({
        publicKey: keys.publicKeyBase64,
        payload,
        signature,
        timestamp: bad,
      })
    ).toBe(false)
  })

  // Published by SendGrid with its Node.js Event Webhook helper
  // (sendgrid/sendgrid-nodejs, packages/eventwebhook/src/eventwebhook.spec.js):
  // proves we verify what SendGrid itself signs, not just what we sign.
  describe("SendGrid's published test vector", () => {
    const vector = {
      publicKey:
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
      signature:
        "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=",
      timestamp: "1588788367",
      payload:
        '{"category":"example_payload","event":"test_event","message_id":"message_id"}',
    }

    it("verifies", () => {
      expect(verifySendgridSignature(vector)).toBe(true)
    })

    it("fails with one signature byte changed", () => {
      expect(
        verifySendgridSignature({
          ...vector,
          signature: vector.signature.replace("YNH2j", "YNH3j"),
        })
      ).toBe(false)
    })
  })
})

describe("loadSendgridPublicKey", () => {
  it("tolerates line breaks in a pasted base64 key", () => {
    const { publicKeyBase64 } = makeKeys()
    const wrapped = publicKeyBase64.replace(/(.{40})/g, "$1\n")
    expect(loadSendgridPublicKey(wrapped)?.asymmetricKeyType).toBe("ec")
  })
})
