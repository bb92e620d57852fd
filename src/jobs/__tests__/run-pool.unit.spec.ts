import { runPool } from "../renew-due-subscriptions"

describe("runPool (the renewal tick's workers)", () => {
  it("runs every item, never more than `size` at once", async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, 5 * (8 - n)))
      done.push(n)
      running -= 1
    }, () => false)
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(peak).toBe(3)
  })

  it("takes no new item once told to stop, and finishes the ones started", async () => {
    const started: number[] = []
    await runPool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n)
      await new Promise((r) => setTimeout(r, 1))
    }, () => started.length >= 3)
    expect(started).toEqual([1, 2, 3])
  })
})
