/**
 * True when the webhook's timestamp (Unix seconds, as in the header) is
 * within `windowSeconds` of now, either way: a captured request replayed
 * later fails, small clock skew does not. The signature covers the
 * timestamp, so an attacker cannot refresh it.
 */
export function isWithinReplayWindow(
  timestamp: string | number | Date,
  nowMs: number,
  windowSeconds = 600
): boolean {
  let atMs: number
  if (timestamp instanceof Date) {
    atMs = timestamp.getTime()
  } else {
    const text = String(timestamp).trim()
    if (!/^\d+$/.test(text)) {
      return false
    }
    atMs = Number(text) * 1000
  }
  if (!Number.isFinite(atMs) || !Number.isFinite(nowMs)) {
    return false
  }
  return Math.abs(nowMs - atMs) <= windowSeconds * 1000
}
