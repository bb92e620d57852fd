import crypto from "crypto"

// Compact signed tokens for links in emails: base64url(JSON payload) + "." + base64url(HMAC).
// Every token carries a purpose (so an unsubscribe token cannot be replayed as a survey token)
// and an expiry. Verification is constant-time and never throws.

export type TokenPayload = { p: string; exp: number; [key: string]: unknown }

export type VerifyResult<T> =
  | { ok: true; payload: T & TokenPayload }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_purpose" }

const b64 = (buf: Buffer) => buf.toString("base64url")

function mac(secret: string, body: string): Buffer {
  return crypto.createHmac("sha256", secret).update(body).digest()
}

export function signToken(
  purpose: string,
  claims: Record<string, unknown>,
  secret: string,
  ttlSeconds: number,
  now: Date = new Date()
): string {
  const payload: TokenPayload = { ...claims, p: purpose, exp: Math.floor(now.getTime() / 1000) + ttlSeconds }
  const body = b64(Buffer.from(JSON.stringify(payload)))
  return `${body}.${b64(mac(secret, body))}`
}

export function verifyToken<T extends Record<string, unknown>>(
  token: unknown,
  purpose: string,
  secret: string,
  now: Date = new Date()
): VerifyResult<T> {
  if (typeof token !== "string" || token.length > 4096) return { ok: false, reason: "malformed" }
  const parts = token.split(".")
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: "malformed" }
  const [body, signature] = parts
  // Compare the canonical base64url text, not decoded bytes: Node's base64url decoder is lenient,
  // so several spellings would decode to the same MAC and a token must have exactly one.
  const expected = Buffer.from(b64(mac(secret, body)))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" }
  }
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"))
  } catch {
    return { ok: false, reason: "malformed" }
  }
  if (typeof payload !== "object" || payload === null) return { ok: false, reason: "malformed" }
  const p = payload as TokenPayload
  if (p.p !== purpose) return { ok: false, reason: "wrong_purpose" }
  if (typeof p.exp !== "number" || p.exp * 1000 < now.getTime()) return { ok: false, reason: "expired" }
  return { ok: true, payload: p as T & TokenPayload }
}
