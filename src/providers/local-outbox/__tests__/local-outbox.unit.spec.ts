import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import type { ProviderSendNotificationDTO } from "@medusajs/framework/types"
import { LocalOutboxNotificationService } from "../service"

const FILE_STEM =
  /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-(outbox_[0-9A-Z]{26})$/

describe("retention-outbox", () => {
  let directory: string
  let warnings: string[]

  function makeOutbox(options: Record<string, unknown> = {}) {
    return new LocalOutboxNotificationService(
      { logger: { warn: (message: string) => warnings.push(message) } },
      { directory, from: "shop@example.com", ...options }
    )
  }

  async function readRecord(file: string): Promise<Record<string, unknown>> {
    return JSON.parse(await readFile(path.join(directory, file), "utf8"))
  }

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "retention-outbox-"))
    warnings = []
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  const reminder: ProviderSendNotificationDTO = {
    to: "ada@example.com",
    channel: "marketing_email",
    template: "cart-reminder-1",
    content: {
      subject: "You left something behind",
      text: "Your cart is waiting",
      html: "<p>Your cart is waiting</p>",
    },
    data: {
      first_name: "Ada",
      headers: {
        "List-Unsubscribe": "<https://shop.example.com/retention/u/tok>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      categories: ["retention", "cart-recovery"],
      custom_args: { retention_message_id: "rmsg_01" },
      reply_to: "help@example.com",
      from_name: "Example Shop",
    },
  }

  it("writes a JSON record, an HTML file and an .eml message, and returns the outbox id", async () => {
    const outbox = makeOutbox()

    const result = await outbox.send(reminder)

    const files = (await readdir(directory)).sort()
    expect(files).toHaveLength(3)
    const [emlFile, htmlFile, jsonFile] = files
    const stem = jsonFile.replace(/\.json$/, "")
    expect(stem).toMatch(FILE_STEM)
    expect(htmlFile).toBe(`${stem}.html`)
    expect(emlFile).toBe(`${stem}.eml`)
    expect(result).toEqual({ id: FILE_STEM.exec(stem)?.[1] })

    expect(await readFile(path.join(directory, htmlFile), "utf8")).toBe(
      "<p>Your cart is waiting</p>"
    )
    expect(await readRecord(jsonFile)).toEqual({
      id: result.id,
      sent_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      channel: "marketing_email",
      template: "cart-reminder-1",
      to: "ada@example.com",
      from: "shop@example.com",
      from_name: "Example Shop",
      reply_to: "help@example.com",
      subject: "You left something behind",
      text: "Your cart is waiting",
      html: "<p>Your cart is waiting</p>",
      headers: {
        "List-Unsubscribe": "<https://shop.example.com/retention/u/tok>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      categories: ["retention", "cart-recovery"],
      custom_args: { retention_message_id: "rmsg_01" },
      attachments: [],
      data: reminder.data,
      warnings: [],
      body_file: htmlFile,
      eml_file: emlFile,
    })
  })

  it("writes the .eml as an RFC 5322 message: headers, List-Unsubscribe, text and HTML alternatives", async () => {
    await makeOutbox().send({
      ...reminder,
      content: { subject: "Sepetiniz sizi bekliyor, Ayşe", text: "Your cart is waiting\nÇay: 1", html: "<p>Your cart is waiting</p>" },
    })
    const eml = await readFile(path.join(directory, (await readdir(directory)).find((f) => f.endsWith(".eml"))!), "utf8")
    // Every line ends in CRLF and none is longer than 998 characters (RFC 5322 2.1.1).
    expect(eml.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/)
    const lines = eml.split("\r\n")
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998)

    const [head, ...rest] = eml.split("\r\n\r\n")
    const header = (name: string) => {
      const unfolded = head.replace(/\r\n[ \t]/g, " ")
      return unfolded.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim()
    }
    expect(header("From")).toBe('"Example Shop" <shop@example.com>')
    expect(header("To")).toBe("ada@example.com")
    expect(header("Reply-To")).toBe("help@example.com")
    expect(header("MIME-Version")).toBe("1.0")
    expect(header("Date")).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/)
    expect(header("Message-ID")).toMatch(/^<outbox_[0-9A-Z]{26}@retention-outbox\.local>$/)
    expect(header("List-Unsubscribe")).toBe("<https://shop.example.com/retention/u/tok>")
    expect(header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click")
    // A non-ASCII subject is RFC 2047-encoded and decodes back to the original.
    const subject = header("Subject")!
    expect(subject).toMatch(/^=\?UTF-8\?B\?/)
    const decoded = subject
      .split(" ")
      .map((w) => Buffer.from(w.replace(/^=\?UTF-8\?B\?|\?=$/g, ""), "base64").toString("utf8"))
      .join("")
    expect(decoded).toBe("Sepetiniz sizi bekliyor, Ayşe")

    const boundary = /boundary="([^"]+)"/.exec(header("Content-Type")!)![1]
    expect(header("Content-Type")).toMatch(/^multipart\/alternative;/)
    const body = rest.join("\r\n\r\n")
    const parts = body.split(`--${boundary}`).slice(1, -1)
    expect(body.trimEnd().endsWith(`--${boundary}--`)).toBe(true)
    const decodePart = (p: string) => {
      const [partHead, content] = p.replace(/^\r\n/, "").split("\r\n\r\n")
      return { type: /Content-Type: ([^;]+)/.exec(partHead)![1], text: Buffer.from(content.replace(/\r\n/g, ""), "base64").toString("utf8") }
    }
    expect(parts.map(decodePart)).toEqual([
      { type: "text/plain", text: "Your cart is waiting\nÇay: 1" },
      { type: "text/html", text: "<p>Your cart is waiting</p>" },
    ])
  })

  it("creates the directory and keeps one file pair per message, in send order", async () => {
    directory = path.join(directory, "nested", "outbox")
    const outbox = makeOutbox()

    const first = await outbox.send(reminder)
    const second = await outbox.send({ ...reminder, to: "grace@example.com" })

    expect(first.id).not.toBe(second.id)
    const jsonFiles = (await readdir(directory))
      .filter((file) => file.endsWith(".json"))
      .sort()
    expect(jsonFiles).toHaveLength(2)
    expect((await readRecord(jsonFiles[1])).to).toBe("grace@example.com")
  })

  it("accepts a template-only notification (no content) and writes just the record", async () => {
    const outbox = makeOutbox()

    const result = await outbox.send({
      to: "ada@example.com",
      channel: "email",
      template: "password-reset",
      data: { token: "abc" },
    })

    const files = await readdir(directory)
    expect(files).toEqual([expect.stringMatching(/\.json$/)])
    expect(await readRecord(files[0])).toMatchObject({
      id: result.id,
      subject: null,
      html: null,
      body_file: null,
    })
  })

  it("writes a .txt body when there is no HTML", async () => {
    await makeOutbox().send({
      ...reminder,
      content: { subject: "Plain", text: "Just text" },
    })

    const txt = (await readdir(directory)).find((file) => file.endsWith(".txt"))
    expect(txt).toBeDefined()
    expect(await readFile(path.join(directory, txt ?? ""), "utf8")).toBe(
      "Just text"
    )
  })

  it("records, rather than throws, what SendGrid would refuse or strip", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" }
    cyclic.self = cyclic

    await makeOutbox().send({
      ...reminder,
      data: {
        headers: { "X-Bad": "a\nb" },
        big: BigInt(12345678901234567890n),
        cyclic,
      },
    })
    await makeOutbox().send({
      ...reminder,
      data: {
        custom_args: { email: "ada@example.com", retention_message_id: "r1" },
      },
    })

    const records = await Promise.all(
      (await readdir(directory))
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map(readRecord)
    )
    expect(records[0]).toMatchObject({
      warnings: [expect.stringMatching(/refused: data\.headers\.X-Bad/)],
      data: {
        big: "12345678901234567890",
        cyclic: { name: "loop", self: "[Circular]" },
      },
    })
    expect(records[1]).toMatchObject({
      custom_args: { retention_message_id: "r1" },
      warnings: [expect.stringMatching(/custom_args\.email: dropped/)],
    })
    expect(warnings).toHaveLength(2)
  })

  it("fails loudly when the directory cannot be written", async () => {
    const blocker = path.join(directory, "a-file")
    await writeFile(blocker, "not a directory")
    directory = blocker

    await expect(makeOutbox().send(reminder)).rejects.toThrow()
  })

  it("defaults to .outbox under the working directory", () => {
    const outbox = new LocalOutboxNotificationService(
      { logger: { warn: () => undefined } },
      undefined
    )
    expect(outbox.directory).toBe(path.join(process.cwd(), ".outbox"))
  })

  it.each([
    [{ directory: "" }, "directory"],
    [{ directory: 42 }, "directory"],
    [{ from: 1 }, "from"],
    [{ channels: "email" }, "channels"],
  ])("rejects options %j naming %s", (options, field) => {
    expect(() =>
      LocalOutboxNotificationService.validateOptions(options)
    ).toThrow(new RegExp(`retention-outbox.*${field}:`))
  })
})
