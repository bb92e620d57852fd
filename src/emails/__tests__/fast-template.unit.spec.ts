import type Handlebars from "handlebars"
import { runMjml } from "../compile"
import { compileDirect, escapeString } from "../fast-template"
import {
  KNOWN_HELPERS,
  createEmailHandlebars,
  createFormatMemo,
} from "../handlebars"
import { htmlToText } from "../html-to-text"
import { SUPPORTED_LOCALES } from "../locales"
import { TEMPLATES } from "../registry"
import { renderContext } from "../renderer"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import { assembleSource } from "../source"
import type { RenderFormat } from "../handlebars"

type Delegate = Handlebars.TemplateDelegate
type HelperOptions = Handlebars.HelperOptions

/** An email environment whose Handlebars delegates count their renders. */
function countingEnv() {
  const env = createEmailHandlebars()
  const compile = env.compile.bind(env)
  const handlebars = new Set<Delegate>()
  let renders = 0
  env.compile = (input, options) => {
    const delegate = compile(input, options)
    const counted: Delegate = (context, runtime) => {
      renders++
      return delegate(context, runtime)
    }
    handlebars.add(counted)
    return counted
  }
  return {
    env,
    isHandlebars: (delegate: Delegate) => handlebars.has(delegate),
    renders: () => renders,
  }
}

const reference = createEmailHandlebars()

type Outcome = { output: string } | { error: string }

function outcome(render: () => string): Outcome {
  try {
    return { output: render() }
  } catch (error) {
    return {
      error: error instanceof Error ? `${error.name}: ${error.message}` : "?",
    }
  }
}

function compareWithHandlebars(
  source: string,
  contexts: unknown[],
  format: RenderFormat
) {
  const options = { noEscape: format === "text", knownHelpers: KNOWN_HELPERS }
  const { env } = countingEnv()
  const direct = compileDirect(env, source, options)
  const handlebars = reference.compile(source, options)
  for (const context of contexts) {
    const expected = outcome(() =>
      handlebars(context, { data: { format, memo: createFormatMemo() } })
    )
    const actual = outcome(() =>
      direct(context, { data: { format, memo: createFormatMemo() } })
    )
    expect({ context, ...actual }).toEqual({ context, ...expected })
  }
}

// Values chosen for how Handlebars treats them: falsy, empty, escaped, not an own property,
// callable, iterable.
class WithPrototype {
  get title() {
    return "inherited"
  }
}
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -0,
  1,
  19.5,
  "",
  "0",
  " spaced  out\t\n ",
  `<b class="x">Tom & Jerry's \`=\`</b>`,
  false,
  true,
  [],
  [1, 2],
  {},
  { title: "nested" },
  new WithPrototype(),
  () => "lambda",
  new Date(Date.UTC(2030, 5, 30)),
  "2030-06-30T23:59:59.000Z",
  "not a date",
  new Map([["a", { title: "from a map" }]]),
  { a: { title: "keyed" }, b: { title: "by object" } },
  { toString: () => "custom" },
]

function variants(sample: Record<string, unknown>): unknown[] {
  const contexts: unknown[] = [sample]
  for (const key of Object.keys(sample)) {
    const { [key]: _dropped, ...without } = sample
    contexts.push(without)
    for (const value of ODD_VALUES) {
      contexts.push({ ...sample, [key]: value })
    }
  }
  const items = sample.items
  if (Array.isArray(items)) {
    for (const value of ODD_VALUES) {
      contexts.push({ ...sample, items: [...items, value] })
      contexts.push({
        ...sample,
        items: items.map((item: unknown) =>
          typeof item === "object" && item !== null
            ? { ...item, title: value, quantity: value }
            : item
        ),
      })
    }
  }
  return contexts
}

describe("compileDirect", () => {
  // Handlebars warns (once per name) about the inherited properties some cases read.
  beforeAll(() => {
    jest.spyOn(console, "error").mockImplementation(() => undefined)
  })
  afterAll(() => {
    jest.restoreAllMocks()
  })

  describe.each(TEMPLATES.map((template) => [template.name, template]))(
    "%s",
    (_, template) => {
      it.each(SUPPORTED_LOCALES)(
        "renders subject, HTML and text exactly like Handlebars (%s)",
        (locale) => {
          const subject = assembleSource(
            template.subject[locale],
            template,
            locale,
            "subject"
          ).source
          const mjml = assembleSource(template.mjml, template, locale, "mjml")
          const html = runMjml(mjml.source).html
          const text = htmlToText(html)

          const contexts = variants(template.sampleData).map((data) =>
            typeof data === "object" && data !== null
              ? renderContext(
                  {
                    template: template.name,
                    locale,
                    data: Object.fromEntries(Object.entries(data)),
                    brand: SAMPLE_BRAND,
                    ...SAMPLE_LINKS,
                  },
                  locale
                )
              : data
          )
          compareWithHandlebars(subject, contexts, "text")
          compareWithHandlebars(html, contexts, "html")
          compareWithHandlebars(text, contexts, "text")
        }
      )

      it.each(SUPPORTED_LOCALES)(
        "needs no help from Handlebars for its sample data (%s)",
        (locale) => {
          const { env, isHandlebars, renders } = countingEnv()
          const mjml = assembleSource(template.mjml, template, locale, "mjml")
          const html = runMjml(mjml.source).html
          const sources: [string, boolean][] = [
            [
              assembleSource(
                template.subject[locale],
                template,
                locale,
                "subject"
              ).source,
              true,
            ],
            [html, false],
            [htmlToText(html), true],
          ]
          const context = renderContext(
            {
              template: template.name,
              locale,
              data: template.sampleData,
              brand: SAMPLE_BRAND,
              ...SAMPLE_LINKS,
            },
            locale
          )
          for (const [source, noEscape] of sources) {
            const delegate = compileDirect(env, source, {
              noEscape,
              knownHelpers: KNOWN_HELPERS,
            })
            expect(isHandlebars(delegate)).toBe(false)
            delegate(context, {
              data: { format: noEscape ? "text" : "html" },
            })
          }
          expect(renders()).toBe(0)
        }
      )
    }
  )

  const BLOCKS = `{{#each items}}[{{@index}}|{{@first}}|{{@last}}|{{@key}}|{{this}}|{{title}}|{{this.title}}|{{./title}}|{{@root.name}}]{{else}}none{{/each}}
{{#if flag}}yes{{else if other}}other{{else}}no{{/if}}
{{#unless flag}}not{{else}}is{{/unless}}
{{#with nested}}<{{title}}>{{else}}no nested{{/with}}
  {{#if flag}}
    standalone {{name}}
  {{/if}}
{{~name~}} {{! a comment }} {{!-- another --}}
{{[odd key]}} {{nested.title}} {{@root.nested.title}} {{eq flag other}} {{gt count 2}}
{{multiline name}} {{money count "eur"}} {{number count}} {{percent count}} {{date when}}`

  const CONTEXTS: unknown[] = [
    undefined,
    null,
    "a string",
    {},
    {
      name: "Ayşe <3",
      flag: true,
      other: false,
      count: 3,
      when: "2030-01-02",
      items: [{ title: "one" }, "two", null, 3],
      nested: { title: "deep" },
      "odd key": "odd & value",
    },
  ]
  for (const value of ODD_VALUES) {
    for (const key of ["items", "flag", "other", "nested", "name"]) {
      CONTEXTS.push({
        name: "N",
        flag: 1,
        other: 0,
        count: 7,
        when: 0,
        items: [{ title: "t" }],
        nested: { title: "n" },
        [key]: value,
      })
    }
  }

  it.each(["html", "text"] as const)(
    "follows Handlebars for blocks, data variables, paths and whitespace (%s)",
    (format) => {
      const { env, isHandlebars } = countingEnv()
      expect(isHandlebars(compileDirect(env, BLOCKS))).toBe(false)
      compareWithHandlebars(BLOCKS, CONTEXTS, format)
    }
  )

  it.each([
    ["a parent path", "{{#each items}}{{../name}}{{/each}}"],
    ["block params", "{{#each items as |item|}}{{item.title}}{{/each}}"],
    ["a hash argument", "{{#if count includeZero=true}}zero{{/if}}"],
    ["a sub-expression", "{{#if (eq name 'N')}}n{{/if}}"],
    ["a helper outside the email set", "{{lookup nested 'title'}}"],
    ["a helper name as a value", "{{number}}"],
    ["a prototype name", "{{constructor}} {{nested.toString}}"],
    ["a partial", "{{> missing}}"],
    ["a parse error", "{{#if name}}"],
  ])("leaves a template with %s to Handlebars", (_, source) => {
    const { env, isHandlebars } = countingEnv()
    expect(isHandlebars(compileDirect(env, source))).toBe(true)
    compareWithHandlebars(source, CONTEXTS, "html")
  })

  it("hands a render over to Handlebars for values it treats specially", () => {
    const { env, renders } = countingEnv()
    const direct = compileDirect(env, "{{title}}|{{nested.title}}")
    const render = (context: unknown) =>
      direct(context, { data: { format: "html" } })
    expect(render({ title: "own", nested: { title: "own too" } })).toBe(
      "own|own too"
    )
    expect(renders()).toBe(0)
    expect(render({ title: "own", nested: new WithPrototype() })).toBe("own|")
    expect(render({ title: () => "called" })).toBe("called|")
    expect(render({ title: { toString: () => "object" } })).toBe("object|")
    expect(render("primitive")).toBe("|")
    expect(renders()).toBe(4)
  })

  it("calls an if or unless registered in place of Handlebars' own", () => {
    const { env } = countingEnv()
    const direct = compileDirect(
      env,
      "{{#if on}}on{{else}}off{{/if}} {{#unless on}}not{{/unless}}"
    )
    const render = () => direct({ on: 0 }, { data: {} })
    expect(render()).toBe("off not")
    env.registerHelper("if", (value: unknown, options: HelperOptions) =>
      value === 0 ? options.fn({}) : options.inverse({})
    )
    expect(render()).toBe("on ")
    env.registerHelper("unless", () => "custom")
    expect(render()).toBe("on custom")
  })

  it("passes runtime options other than data to Handlebars", () => {
    const { env, renders } = countingEnv()
    const direct = compileDirect(env, "{{#if on}}{{title}}{{/if}}")
    expect(direct({ on: true, title: "x" }, { data: { root: {} } })).toBe("x")
    expect(renders()).toBe(0)
    expect(
      direct(
        { on: true, title: "x" },
        { helpers: { if: (_value: unknown) => "overridden" } }
      )
    ).toBe("overridden")
    expect(renders()).toBe(1)
  })
})

describe("escapeString", () => {
  it("escapes every character exactly as Handlebars does", () => {
    const escape = createEmailHandlebars().Utils.escapeExpression
    for (let code = 0; code < 0x500; code++) {
      const char = String.fromCharCode(code)
      for (const text of [char, `a${char}`, `${char}b${char}${char}c`]) {
        expect(escapeString(text)).toBe(escape(text))
      }
    }
    const sample = `<a href="https://x.example/?a=1&b='2'">\`Tom\` & Jerry</a>`
    expect(escapeString(sample)).toBe(escape(sample))
  })
})
