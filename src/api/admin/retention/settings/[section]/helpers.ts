import { MedusaError } from "@medusajs/framework/utils"
import { isSectionName, SECTION_NAMES, SectionName } from "../../../../../modules/retention-settings"

export function sectionParam(value: string | undefined): SectionName {
  if (!value || !isSectionName(value)) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `section: unknown settings section "${value}"; expected one of ${SECTION_NAMES.join(", ")}`
    )
  }
  return value
}
