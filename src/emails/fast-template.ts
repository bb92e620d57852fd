import type Handlebars from "handlebars"
import { HELPER_NAMES, builtinBlockHelpers } from "./handlebars"

// A compiled Handlebars template runs a fixed toll on every call, whatever it renders: helper
// wrappers rebuilt for the whole helper registry, a program wrapper and a location record
// allocated for every block and helper call. For the emails that toll is most of a send. This
// module evaluates the same parsed template directly, for the constructs emails use (text,
// `{{path}}`, `{{helper args}}` with the email helpers, `{{#if}}`, `{{#unless}}`, `{{#each}}`,
// `{{#with}}`), calling the very helpers Handlebars would call, with the same arguments, in the
// same order (Handlebars' own `if` and `unless` are written out, as long as the environment
// still has them). Anything else (partials, `../`, hash arguments, sub-expressions, block params,
// other helpers) leaves the whole template to Handlebars. At run time, a value Handlebars
// treats specially (an inherited property, which its prototype-access rules govern; a function
// in an output position, which it calls; a property of a primitive) hands that render over to
// Handlebars from the start, so what it returns is always what Handlebars returns.

type Env = typeof Handlebars
type Delegate = Handlebars.TemplateDelegate
type Data = Record<string, unknown>
type CompileOptions = NonNullable<Parameters<Env["compile"]>[1]>

/** Thrown (never outside this module) to hand a render over to Handlebars. */
const HAND_OVER: unique symbol = Symbol("hand over to Handlebars")

type Value = (context: unknown, data: Data) => unknown
type Piece = string | Value
type Program = (context: unknown, data: Data) => string

type Location = { start: hbs.AST.Position; end: hbs.AST.Position }

// Handlebars' `container.nullContext`: the `this` of a helper called on a null context.
const NULL_CONTEXT = Object.seal({})
const BLOCK_HELPERS = new Set(["if", "unless", "each", "with"])
const EMAIL_HELPERS = new Set<string>(HELPER_NAMES)

const hasOwn = (value: object, key: PropertyKey): boolean =>
  Object.prototype.hasOwnProperty.call(value, key)

function noop(): string {
  return ""
}

/** Handlebars' `lookupProperty` for own properties; anything else is handed over. */
function lookup(parent: unknown, name: string): unknown {
  if (typeof parent !== "object" || parent === null) {
    throw HAND_OVER
  }
  const value: unknown = Reflect.get(parent, name)
  if (value === undefined || value === null || hasOwn(parent, name)) {
    return value
  }
  throw HAND_OVER
}

function isPath(node: hbs.AST.Node): node is hbs.AST.PathExpression {
  return node.type === "PathExpression"
}

function isProgram(node: hbs.AST.Node): node is hbs.AST.Program {
  return node.type === "Program"
}

function isMustache(node: hbs.AST.Node): node is hbs.AST.MustacheStatement {
  return node.type === "MustacheStatement"
}

function isBlock(node: hbs.AST.Node): node is hbs.AST.BlockStatement {
  return node.type === "BlockStatement"
}

function isContent(node: hbs.AST.Node): node is hbs.AST.ContentStatement {
  return node.type === "ContentStatement"
}

function isStringLiteral(node: hbs.AST.Node): node is hbs.AST.StringLiteral {
  return node.type === "StringLiteral"
}

function isNumberLiteral(node: hbs.AST.Node): node is hbs.AST.NumberLiteral {
  return node.type === "NumberLiteral"
}

function isBooleanLiteral(node: hbs.AST.Node): node is hbs.AST.BooleanLiteral {
  return node.type === "BooleanLiteral"
}

// Handlebars' AST.helpers.scopedId and simpleId.
function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^\.|this\b/.test(path.original)
}

function isSimpleId(path: hbs.AST.PathExpression): boolean {
  return path.parts.length === 1 && !isScoped(path) && !path.depth
}

function hasHash(node: { hash?: hbs.AST.Hash }): boolean {
  return Boolean(node.hash)
}

function hasBlockParams(program: hbs.AST.Program | undefined): boolean {
  return Boolean(program?.blockParams?.length)
}

/** Compiles the template, or returns undefined when it uses something left to Handlebars. */
class Builder {
  constructor(
    private readonly env: Env,
    private readonly escape: boolean,
    private readonly knownHelpers: Readonly<Record<string, boolean>>
  ) {}

  program(node: hbs.AST.Program): Program | undefined {
    if (!isProgram(node) || !Array.isArray(node.body)) {
      return undefined
    }
    const pieces: Piece[] = []
    for (const statement of node.body) {
      if (isContent(statement)) {
        if (typeof statement.value !== "string") {
          return undefined
        }
        if (statement.value) {
          const last = pieces.length - 1
          if (last >= 0 && typeof pieces[last] === "string") {
            pieces[last] += statement.value
          } else {
            pieces.push(statement.value)
          }
        }
      } else if (statement.type === "CommentStatement") {
        continue
      } else if (isMustache(statement)) {
        const value = this.mustache(statement)
        if (!value) {
          return undefined
        }
        pieces.push(value)
      } else if (isBlock(statement)) {
        const value = this.block(statement)
        if (!value) {
          return undefined
        }
        pieces.push(value)
      } else {
        return undefined
      }
    }
    return (context, data) => {
      let out = ""
      for (let i = 0; i < pieces.length; i++) {
        const piece = pieces[i]
        out += typeof piece === "string" ? piece : piece(context, data)
      }
      return out
    }
  }

  /** A path as Handlebars resolves it outside of helper-name position. */
  private path(path: hbs.AST.PathExpression): Value | undefined {
    if (!Array.isArray(path.parts) || path.depth) {
      return undefined
    }
    const parts = [...path.parts]
    for (const part of parts) {
      // Prototype names go through Handlebars' access rules (and its warnings).
      if (typeof part !== "string" || part in Object.prototype) {
        return undefined
      }
    }
    if (path.data) {
      // `@root.x`: Handlebars chains data lookups with &&.
      return (_context, data) => {
        let current: unknown = data
        for (let i = 0; i < parts.length; i++) {
          current = current && lookup(current, parts[i])
        }
        return current
      }
    }
    if (parts.length === 1) {
      const name = parts[0]
      return (context) => (context != null ? lookup(context, name) : context)
    }
    // `this` has no parts, `a.b` two; each step stops at null or undefined.
    return (context) => {
      let current = context
      for (let i = 0; i < parts.length; i++) {
        current = current != null ? lookup(current, parts[i]) : current
      }
      return current
    }
  }

  private param(node: hbs.AST.Node): Value | undefined {
    if (isPath(node)) {
      return this.path(node)
    }
    if (
      isStringLiteral(node) ||
      isNumberLiteral(node) ||
      isBooleanLiteral(node)
    ) {
      const literal = node.value
      return () => literal
    }
    if (node.type === "UndefinedLiteral") {
      return () => undefined
    }
    if (node.type === "NullLiteral") {
      return () => null
    }
    return undefined
  }

  private mustache(node: hbs.AST.MustacheStatement): Value | undefined {
    const path = node.path
    if (!isPath(path) || path.depth || hasHash(node)) {
      return undefined
    }
    const env = this.env
    const output =
      node.escaped && this.escape
        ? (value: unknown) => escapeValue(env, value)
        : (value: unknown) => (value != null ? value : "")
    const params = Array.isArray(node.params) ? node.params : []

    if (params.length) {
      // `{{money total currency}}`: only the email helpers, which are pure.
      const name = path.parts[0]
      if (!isSimpleId(path) || path.data || !EMAIL_HELPERS.has(name)) {
        return undefined
      }
      const values: Value[] = []
      for (const param of params) {
        const value = this.param(param)
        if (!value) {
          return undefined
        }
        values.push(value)
      }
      const loc = location(node)
      return (context, data) => {
        const args: unknown[] = []
        for (let i = 0; i < values.length; i++) {
          args.push(values[i](context, data))
        }
        const helper = env.helpers[name]
        if (typeof helper !== "function") {
          throw HAND_OVER
        }
        args.push({ name, hash: {}, data, loc })
        return output(
          helper.apply(context != null ? context : NULL_CONTEXT, args)
        )
      }
    }

    const value = this.path(path)
    if (!value) {
      return undefined
    }
    if (isSimpleId(path) && !path.data) {
      // `{{name}}` could name a helper; the email environments never gain helpers after
      // creation, so that is settled here. Otherwise Handlebars renders a missing value
      // (its helperMissing hook) as "".
      const name = path.parts[0]
      if (hasOwn(this.env.helpers, name) || this.knownHelpers[name]) {
        return undefined
      }
    }
    return (context, data) => {
      const result = value(context, data)
      // A function would be called (as a lambda, or with helper options).
      if (typeof result === "function") {
        throw HAND_OVER
      }
      return output(result)
    }
  }

  private block(node: hbs.AST.BlockStatement): Value | undefined {
    const path = node.path
    if (
      !isPath(path) ||
      !isSimpleId(path) ||
      path.data ||
      !BLOCK_HELPERS.has(path.parts[0]) ||
      !Array.isArray(node.params) ||
      node.params.length !== 1 ||
      hasHash(node) ||
      hasBlockParams(node.program) ||
      hasBlockParams(node.inverse)
    ) {
      return undefined
    }
    const name = path.parts[0]
    const param = this.param(node.params[0])
    const program = node.program ? this.program(node.program) : noop
    const inverse = node.inverse ? this.program(node.inverse) : undefined
    if (!param || !program || (node.inverse && !inverse)) {
      return undefined
    }
    const loc = location(node)
    const env = this.env
    const call: Value = (context, data) => {
      const helper = env.helpers[name]
      if (typeof helper !== "function") {
        throw HAND_OVER
      }
      const value = param(context, data)
      // Handlebars' program wrappers: a helper may pass other data (each passes a frame
      // with @index), otherwise the block sees the data it was called with.
      const fn = (inner: unknown, runtime?: { data?: Data }) =>
        program(inner, runtime?.data || data)
      const result = helper.call(
        context != null ? context : NULL_CONTEXT,
        value,
        {
          name,
          hash: {},
          fn,
          inverse: inverse
            ? (inner: unknown, runtime?: { data?: Data }) =>
                inverse(inner, runtime?.data || data)
            : noop,
          data,
          loc,
        }
      )
      return result != null ? result : ""
    }
    if (name !== "if" && name !== "unless") {
      return call
    }
    // Handlebars' own if/unless, written out: a block is rendered when the value is truthy
    // and not an empty list (no includeZero: there is no hash), unless negated.
    const builtins = builtinBlockHelpers(env)
    const negate = name === "unless"
    return (context, data) => {
      const helpers = env.helpers
      if (
        !builtins ||
        helpers.if !== builtins.if ||
        (negate && helpers.unless !== builtins.unless)
      ) {
        return call(context, data)
      }
      const value = param(context, data)
      if (typeof value === "function") {
        // Called by `if` first: Handlebars' business.
        throw HAND_OVER
      }
      const self = context != null ? context : NULL_CONTEXT
      const render =
        !value || (Array.isArray(value) && value.length === 0)
          ? negate
          : !negate
      return render ? program(self, data) : inverse ? inverse(self, data) : ""
    }
  }
}

/**
 * Handlebars' escapeExpression for a string: the same seven replacements, in one pass without
 * a callback per match (URLs with `=` in their query are in every email).
 */
export function escapeString(value: string): string {
  let out = ""
  let last = 0
  for (let i = 0; i < value.length; i++) {
    let entity: string
    switch (value.charCodeAt(i)) {
      case 38:
        entity = "&amp;"
        break
      case 60:
        entity = "&lt;"
        break
      case 62:
        entity = "&gt;"
        break
      case 34:
        entity = "&quot;"
        break
      case 39:
        entity = "&#x27;"
        break
      case 96:
        entity = "&#x60;"
        break
      case 61:
        entity = "&#x3D;"
        break
      default:
        continue
    }
    out += value.slice(last, i) + entity
    last = i + 1
  }
  return last === 0 ? value : out + value.slice(last)
}

/** Handlebars' escapeExpression, for the values it can take without calling into them. */
function escapeValue(env: Env, value: unknown): string {
  if (typeof value === "string") {
    return escapeString(value)
  }
  if (value === undefined || value === null) {
    return ""
  }
  if (typeof value === "number" || typeof value === "boolean") {
    // Digits, signs, "Infinity", "true": nothing to escape.
    return String(value)
  }
  if (value instanceof env.SafeString) {
    return value.toHTML()
  }
  // Objects go through their toHTML or toString: Handlebars' business.
  throw HAND_OVER
}

function location(node: hbs.AST.Node): Location | undefined {
  return node.loc
    ? { start: { ...node.loc.start }, end: { ...node.loc.end } }
    : undefined
}

function isData(value: unknown): value is Data {
  return typeof value === "object" && value !== null
}

/**
 * `env.compile(source, options)`, evaluated without the Handlebars runtime toll where the
 * template allows it (see above). Same output and same errors as the Handlebars delegate,
 * which stays in charge of everything the direct evaluation does not cover.
 */
export function compileDirect(
  env: Env,
  source: string,
  options: CompileOptions = {}
): Delegate {
  const handlebars = env.compile(source, options)
  let program: Program | undefined
  try {
    program = new Builder(
      env,
      !options.noEscape,
      options.knownHelpers ?? {}
    ).program(env.parse(source))
  } catch {
    // Parse errors are Handlebars' to report, at its first render.
    program = undefined
  }
  if (!program) {
    return handlebars
  }
  const direct = program
  return (context, runtime) => {
    let data: unknown
    if (runtime) {
      for (const key in runtime) {
        // Partials, helpers or access rules for this one render: Handlebars' business.
        if (key !== "data") {
          return handlebars(context, runtime)
        }
      }
      data = runtime.data
    }
    // Handlebars' initData: @root is the context unless the caller set one.
    let frame: Data
    if (!data) {
      frame = { root: context }
    } else if (!isData(data)) {
      return handlebars(context, runtime)
    } else if ("root" in data) {
      frame = data
    } else {
      frame = env.createFrame(data)
      frame.root = context
    }
    try {
      return "" + direct(context, frame)
    } catch (error) {
      if (error === HAND_OVER) {
        return handlebars(context, runtime)
      }
      throw error
    }
  }
}
