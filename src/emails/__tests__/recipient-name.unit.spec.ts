import { MAX_NAME_LENGTH, plausibleName } from "../recipient-name"
import { validateTemplateSource } from "../validate"

describe("plausibleName", () => {
  it("keeps personal names of any script, trimmed", () => {
    for (const [typed, shown] of [
      ["Ayşe", "Ayşe"],
      ["  Jean-Luc ", "Jean-Luc"],
      ["O'Brien", "O'Brien"],
      ["D’Angelo", "D’Angelo"],
      ["Mary  Ann", "Mary Ann"],
      ["J.R.", "J.R."],
      ["St. John", "St. John"],
      ["Zoë", "Zoë"],
      ["Zoe\u0308", "Zoë"],
      ["Łukasz", "Łukasz"],
      ["Αλέξανδρος", "Αλέξανδρος"],
      ["Мария", "Мария"],
      ["محمد", "محمد"],
      ["さくら", "さくら"],
      ["Ana de Souza", "Ana de Souza"],
      ["x".repeat(MAX_NAME_LENGTH), "x".repeat(MAX_NAME_LENGTH)],
    ]) {
      expect([typed, plausibleName(typed)]).toEqual([typed, shown])
    }
  })

  it("refuses anything else: sentences, links, numbers, addresses, line breaks, controls", () => {
    for (const typed of [
      "URGENT: your card was charged $499. Call 0800 555 0199 or visit http://evil.example/refund",
      "URGENT your card was charged",
      "Call us now please",
      "http://evil.example",
      "evil.example",
      "www.evil",
      "Visit evil.example",
      "Ayşe 0800",
      "Agent007",
      "ayse@example.com",
      "Eve\r\nBcc: victim@example.com",
      "Eve\nMallory",
      "Eve\tMallory",
      "Eve\u202EyllaM",
      "Eve\u200B",
      "<script>",
      "Eve!",
      "-Eve",
      "'",
      "",
      "   ",
      "x".repeat(MAX_NAME_LENGTH + 1),
      null,
      undefined,
      42,
      { first_name: "Eve" },
    ]) {
      expect([typed, plausibleName(typed)]).toEqual([typed, undefined])
    }
  })
})

describe("names in a merchant's subject", () => {
  it("refuses the greeting-only name and keeps the account's", () => {
    const refused = validateTemplateSource({
      templateName: "cart-reminder",
      locale: "en",
      subject: "{{greetingName}}, your cart is waiting",
    })
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          part: "subject",
          line: 1,
          message: expect.stringMatching(/^greetingName is not allowed in a subject/),
        },
      ],
    })
    expect(
      validateTemplateSource({
        templateName: "cart-reminder",
        locale: "en",
        subject: "{{#if customerName}}{{customerName}}, your{{else}}Your{{/if}} cart is waiting",
      })
    ).toEqual({ ok: true })
  })
})
