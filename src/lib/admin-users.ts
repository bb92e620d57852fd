import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** The email of each admin user id given (ids of deleted users are left out of the map). */
export async function adminEmails(scope: MedusaContainer, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const userIds = [...new Set(ids.filter((id): id is string => !!id))]
  const emails = new Map<string, string>()
  if (!userIds.length) return emails
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "user", fields: ["id", "email"], filters: { id: userIds } })
  for (const u of data as { id: string; email: string }[]) emails.set(u.id, u.email)
  return emails
}
