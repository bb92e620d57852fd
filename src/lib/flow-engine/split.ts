import crypto from "crypto"

// The deterministic splits of every sequence engine program: who is held out and which subject
// variant someone sees. Each program names its own key (cart recovery: `holdout:<campaign>:<cart>`,
// `variant:<cart>:<step>`; flows: `flow-holdout:<flow>:<customer>:<trigger>`,
// `flow-variant:<flow>:<customer>:<step>`); the keys must never change, or people already in a
// sequence would switch group.

/** A stable number in [0, 1) for a key: same key, same number, in every process. */
export function unitHash(key: string): number {
  const digest = crypto.createHash("sha256").update(key).digest()
  return digest.readUInt32BE(0) / 0x1_0000_0000
}

/** Whether the key falls in a holdout of `holdoutPercent` (0–100); 0 or less holds nobody out. */
export function inHoldout(key: string, holdoutPercent: number): boolean {
  if (holdoutPercent <= 0) return false
  return unitHash(key) * 100 < holdoutPercent
}

/** Which of `variantCount` variants the key gets: an even, deterministic split (0 for one or none). */
export function pickSplit(key: string, variantCount: number): number {
  if (variantCount <= 1) return 0
  return Math.floor(unitHash(key) * variantCount)
}
