import { EmailRenderer, renderUncached } from "../src/emails/renderer"
import { getTemplate } from "../src/emails/registry"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../src/emails/samples"
import type { RenderInput, RenderedEmail } from "../src/emails/types"

export type RenderBenchResult = {
  name: "render"
  value: number
  unit: "emails/s"
  baseline: number
}

// Warm-up runs for a time as well as a count: 50 cached renders (a few milliseconds) end
// before the JIT has optimised the hot path, and the uncached pipeline (MJML) needs most of a
// second before its rate settles.
const WARMUP_MS = 1000
const MIN_WARMUP_RENDERS = 50
// Each pipeline is measured on its own, after its own warm-up (taking turns would leave the
// cached renderer paying for the uncached one's garbage), in several rounds: the median
// round shrugs off a burst of load from elsewhere on a shared machine.
const ROUNDS = 5
const ROUND_MS = 400
const RECIPIENTS = 200

type Render = (input: RenderInput) => RenderedEmail

// Distinct recipients, so neither pipeline can get away with reusing a previous result.
function recipients(count: number): RenderInput[] {
  const template = getTemplate("cart-reminder")
  if (!template) {
    throw new Error("cart-reminder is not registered")
  }
  return Array.from({ length: count }, (_, index) => ({
    template: template.name,
    locale: index % 2 ? "tr" : "en",
    data: {
      ...template.sampleData,
      customerName: `Customer ${index}`,
      subtotal: 98 + index,
    },
    brand: SAMPLE_BRAND,
    ...SAMPLE_LINKS,
  }))
}

class Pipeline {
  private next = 0
  private bytes = 0
  readonly rates: number[] = []

  constructor(
    readonly name: string,
    private readonly inputs: RenderInput[],
    private readonly render: Render
  ) {}

  private once(): void {
    // Both parts are used, so neither can be skipped or optimised away.
    const email = this.render(this.inputs[this.next % this.inputs.length])
    this.bytes += email.html.length + email.text.length
    this.next++
  }

  warmUp(): void {
    const deadline = process.hrtime.bigint() + BigInt(WARMUP_MS) * 1_000_000n
    for (let i = 0; i < MIN_WARMUP_RENDERS; i++) {
      this.once()
    }
    while (process.hrtime.bigint() < deadline) {
      this.once()
    }
  }

  /** Renders for `ms` (finishing the email in progress) and records emails per second. */
  round(ms: number): void {
    let rendered = 0
    const start = process.hrtime.bigint()
    const deadline = start + BigInt(ms) * 1_000_000n
    let now = start
    while (now < deadline) {
      this.once()
      rendered++
      now = process.hrtime.bigint()
    }
    this.rates.push(rendered / (Number(now - start) / 1e9))
  }

  median(): number {
    if (this.bytes === 0 || this.rates.length === 0) {
      throw new Error(`${this.name}: rendered nothing`)
    }
    const sorted = [...this.rates].sort((a, b) => a - b)
    const middle = sorted.length >> 1
    return sorted.length % 2
      ? sorted[middle]
      : (sorted[middle - 1] + sorted[middle]) / 2
  }
}

// Let the event loop breathe between timed rounds.
const breathe = () => new Promise((resolve) => setImmediate(resolve))

/**
 * Emails rendered per second for `cart-reminder` (en and tr alternating, same recipients,
 * data and brand for both): the cached renderer (Handlebars on MJML output compiled once per
 * template and locale) against the naive pipeline, which runs Handlebars and a full MJML
 * compilation for every email.
 */
export async function run(): Promise<RenderBenchResult> {
  const inputs = recipients(RECIPIENTS)
  const renderer = new EmailRenderer()
  const cached = new Pipeline("cached", inputs, (input) =>
    renderer.render(input)
  )
  const uncached = new Pipeline("uncached", inputs, renderUncached)

  for (const pipeline of [cached, uncached]) {
    await breathe()
    pipeline.warmUp()
    for (let round = 0; round < ROUNDS; round++) {
      await breathe()
      pipeline.round(ROUND_MS)
    }
  }
  return {
    name: "render",
    value: Math.round(cached.median()),
    unit: "emails/s",
    baseline: Math.round(uncached.median()),
  }
}
