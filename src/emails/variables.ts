import type Handlebars from "handlebars"
import { HELPER_NAMES } from "./handlebars"

type Program = hbs.AST.Program
type Node = hbs.AST.Node

const BUILTIN_HELPERS = ["if", "unless", "each", "with", "lookup", "log"]
const KNOWN_HELPERS = new Set<string>([...BUILTIN_HELPERS, ...HELPER_NAMES])

// A scope we cannot know (inside a block helper over an empty list, say) is not checked.
const OPAQUE = Symbol("opaque")
type Scope = unknown

export type UnknownVariable = { path: string; line: number }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null
}

function resolve(base: unknown, parts: readonly string[]): unknown {
  let current = base
  for (const part of parts) {
    if (!isObject(current)) {
      return undefined
    }
    current = current[part]
  }
  return current
}

// Items of a sample list differ (only some have a price drop): check against all of them.
function mergedItems(list: unknown): Scope {
  if (!Array.isArray(list) || list.length === 0) {
    return OPAQUE
  }
  if (!list.every(isObject)) {
    return list[0]
  }
  return Object.assign({}, ...list)
}

function isPath(node: Node): node is hbs.AST.PathExpression {
  return node.type === "PathExpression"
}

function isSubExpression(node: Node): node is hbs.AST.SubExpression {
  return node.type === "SubExpression"
}

function isMustache(node: Node): node is hbs.AST.MustacheStatement {
  return node.type === "MustacheStatement"
}

function isBlock(node: Node): node is hbs.AST.BlockStatement {
  return node.type === "BlockStatement"
}

/**
 * Names a template reads that the sample data does not have: almost always a typo
 * (`{{custmerName}}`) that would otherwise render as an empty string in production.
 * Optional fields deeper down (`discount.amount` when the sample has a percent) are
 * legitimate, so below the first segment only objects of known shape (`closedKeys`,
 * e.g. `brand`) are checked.
 */
export function findUnknownVariables(
  env: typeof Handlebars,
  source: string,
  root: Record<string, unknown>,
  closedKeys: ReadonlySet<string> = new Set(["brand"])
): UnknownVariable[] {
  const unknown: UnknownVariable[] = []
  const seen = new Set<string>()

  const isUnknown = (
    scope: unknown,
    parts: readonly string[],
    atRoot: boolean
  ) => {
    if (resolve(scope, parts.slice(0, 1)) === undefined) {
      return true
    }
    return (
      atRoot && closedKeys.has(parts[0]) && resolve(scope, parts) === undefined
    )
  }

  const checkPath = (path: hbs.AST.PathExpression, scopes: Scope[]) => {
    if (path.data) {
      // @index, @key, @first...; only @root.x can be checked.
      const parts = path.parts.slice(1)
      if (
        path.parts[0] === "root" &&
        parts.length &&
        isUnknown(root, parts, true)
      ) {
        report(path, path.original)
      }
      return
    }
    const index = scopes.length - 1 - path.depth
    const scope = scopes[index]
    if (scope === OPAQUE || path.parts.length === 0) {
      return
    }
    if (isUnknown(scope, path.parts, index === 0)) {
      report(path, path.original)
    }
  }

  const report = (node: Node, path: string) => {
    const key = `${path}:${node.loc.start.line}`
    if (!seen.has(key)) {
      seen.add(key)
      unknown.push({ path, line: node.loc.start.line })
    }
  }

  const checkExpression = (node: Node, scopes: Scope[]) => {
    if (isPath(node)) {
      checkPath(node, scopes)
    } else if (isSubExpression(node)) {
      checkCall(node.params, node.hash, scopes)
    }
  }

  const checkCall = (
    params: Node[],
    hash: hbs.AST.Hash | undefined,
    scopes: Scope[]
  ) => {
    params.forEach((param) => checkExpression(param, scopes))
    hash?.pairs.forEach((pair) => checkExpression(pair.value, scopes))
  }

  const visit = (program: Program | undefined, scopes: Scope[]) => {
    for (const statement of program?.body ?? []) {
      if (isMustache(statement)) {
        const path = statement.path
        const isCall =
          statement.params.length > 0 || (statement.hash?.pairs.length ?? 0) > 0
        if (isPath(path) && (isCall || KNOWN_HELPERS.has(path.original))) {
          checkCall(statement.params, statement.hash, scopes)
        } else {
          checkExpression(path, scopes)
        }
      } else if (isBlock(statement)) {
        const helper = statement.path.original
        checkCall(statement.params, statement.hash, scopes)
        const current = scopes[scopes.length - 1]
        const first = statement.params[0]
        const value =
          current === OPAQUE || !first || !isPath(first) || first.data
            ? OPAQUE
            : resolve(scopes[scopes.length - 1 - first.depth], first.parts)
        if (helper === "each") {
          visit(statement.program, [...scopes, mergedItems(value)])
        } else if (helper === "with") {
          visit(statement.program, [
            ...scopes,
            isObject(value) ? value : OPAQUE,
          ])
        } else if (KNOWN_HELPERS.has(helper)) {
          visit(statement.program, scopes)
        } else {
          visit(statement.program, [...scopes, OPAQUE])
        }
        visit(statement.inverse, scopes)
      }
    }
  }

  visit(env.parse(source), [root])
  return unknown
}
