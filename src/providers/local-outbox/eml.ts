// The outbox's `.eml` file: the email as an RFC 5322 message (MIME, multipart/alternative with
// the plain-text and HTML parts), so a developer opens it in any mail client and sees what a
// recipient would, List-Unsubscribe headers included. Pure: date, Message-ID and boundary are
// inputs, so tests pin them.

export type EmlInput = {
  from: string | null
  fromName: string | null
  to: string
  replyTo: string | null
  subject: string | null
  text: string | null
  html: string | null
  headers: Record<string, string>
  date: Date
  messageId: string
  boundary: string
}

const CRLF = "\r\n"

// Header values never carry a line break: a value with one could start a header of its own.
const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ").trim()

/** RFC 2047 encoded-word for non-ASCII header text (subjects in Turkish, names with accents). */
export function encodeHeaderText(value: string): string {
  const clean = oneLine(value)
  if (/^[\x20-\x7e]*$/.test(clean)) return clean
  // Encoded words are at most 75 characters; split on whole characters so none is cut in half.
  const words: string[] = []
  let chunk = ""
  for (const char of clean) {
    if (Buffer.byteLength(chunk + char, "utf8") > 45) {
      words.push(chunk)
      chunk = ""
    }
    chunk += char
  }
  if (chunk) words.push(chunk)
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(`${CRLF} `)
}

function address(email: string, name: string | null): string {
  const bare = oneLine(email)
  if (!name) return bare
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${oneLine(name).replace(/(["\\])/g, "\\$1")}"` : encodeHeaderText(name)
  return `${display} <${bare}>`
}

/** Base64 in lines of 76 characters, as MIME asks (RFC 2045 6.8). */
function base64Lines(body: string): string {
  return (Buffer.from(body, "utf8").toString("base64").match(/.{1,76}/g) ?? []).join(CRLF)
}

function part(contentType: string, body: string): string {
  return [`Content-Type: ${contentType}; charset=UTF-8`, "Content-Transfer-Encoding: base64", "", base64Lines(body)].join(CRLF)
}

export function buildEml(input: EmlInput): string {
  const headers: string[] = [
    `From: ${input.from ? address(input.from, input.fromName) : "undisclosed-sender:;"}`,
    `To: ${address(input.to, null)}`,
    ...(input.replyTo ? [`Reply-To: ${address(input.replyTo, null)}`] : []),
    `Subject: ${encodeHeaderText(input.subject ?? "")}`,
    `Date: ${input.date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${oneLine(input.messageId)}>`,
    "MIME-Version: 1.0",
    // Custom headers as the provider would send them (List-Unsubscribe, List-Unsubscribe-Post);
    // they were validated on the way in, and are kept to one line here regardless.
    ...Object.entries(input.headers).map(([name, value]) => `${name.replace(/[^\x21-\x39\x3b-\x7e]/g, "")}: ${oneLine(value)}`),
  ]
  const parts: string[] = []
  if (input.text !== null) parts.push(part("text/plain", input.text))
  if (input.html !== null) parts.push(part("text/html", input.html))
  if (parts.length === 1) {
    return [...headers, parts[0]].join(CRLF) + CRLF
  }
  return (
    [
      ...headers,
      `Content-Type: multipart/alternative; boundary="${input.boundary}"`,
      "",
      ...parts.map((p) => `--${input.boundary}${CRLF}${p}`),
      `--${input.boundary}--`,
    ].join(CRLF) + CRLF
  )
}
