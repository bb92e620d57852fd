import { htmlToText } from "../text-part"

describe("htmlToText", () => {
  it("keeps paragraphs and lines, drops markup, hidden preview, styles and comments", () => {
    const html = `<html><head><style>a{color:red}</style></head><body>
      <div style="display:none;max-height:0px;">Preview line</div>
      <div style="max-height: 0; display: none">A merchant's hidden line</div>
      <!--[if mso | IE]><table><tr><td><![endif]-->
      <table><tr><td><div>Hello <b>there</b>,</div></td></tr>
      <tr><td><div>Line one<br />Line two</div></td></tr></table>
    </body></html>`
    expect(htmlToText(html)).toBe("Hello there,\n\nLine one\nLine two")
  })

  it("writes links as label (url), once when the label is the address", () => {
    const html = `<body><p><a href="https://a.example/x?y=1&amp;z=2">Open</a></p>
      <p><a href="mailto:me@example.com">me@example.com</a></p>
      <p><a href="https://shop.example"><img src="logo.png" alt="Shop" /></a></p></body>`
    expect(htmlToText(html)).toBe(
      "Open (https://a.example/x?y=1&z=2)\n\nme@example.com\n\nShop (https://shop.example)"
    )
  })

  it("keeps Handlebars placeholders, with block tags alone on their lines", () => {
    const html = `<body><table><tr><td>{{#each items}}</td></tr><tr><td>{{title}}</td>
      <td>{{money total currency}}</td></tr><tr><td>{{/each}} {{#if x}}</td></tr></table>
      <div>{{#if a}}inline{{/if}} text</div></body>`
    expect(htmlToText(html)).toBe(
      [
        "{{#each items}}",
        "",
        "{{title}} {{money total currency}}",
        "",
        "{{/each}}",
        "{{#if x}}",
        "",
        "{{#if a}}inline{{/if}} text",
      ].join("\n")
    )
  })

  it("decodes entities", () => {
    expect(
      htmlToText("<p>Tom &amp; Jerry &#x27;s &#233; &lt;b&gt; &middot;</p>")
    ).toBe("Tom & Jerry 's é <b> ·")
  })

  it("writes headings as they are, not upper-cased, and keeps long lines whole", () => {
    const long = "word ".repeat(40).trim()
    expect(htmlToText(`<h1>Your cart</h1><p>${long}</p>`)).toBe(
      `Your cart\n\n${long}`
    )
  })
})
