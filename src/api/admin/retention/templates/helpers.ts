import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { BrandSettings, EmailTemplate, getTemplate, isLocale, Locale, listTemplates, SUPPORTED_LOCALES } from "../../../../emails"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"

export function templateParam(name: string | undefined): EmailTemplate {
  const template = name ? getTemplate(name) : undefined
  if (!template) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `template: unknown template "${name}"; expected one of ${listTemplates()
        .map((t) => t.name)
        .join(", ")}`
    )
  }
  return template
}

export function localeParam(locale: string | undefined): Locale {
  if (!locale || !isLocale(locale)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `locale: unknown locale "${locale}"; expected one of ${SUPPORTED_LOCALES.join(", ")}`
    )
  }
  return locale
}

/** The store's brand settings in the renderer's shape (the settings store "unset" as null). */
export async function storeBrand(container: MedusaContainer): Promise<BrandSettings> {
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const { values } = await settings.getSection("brand")
  return {
    storeName: values.storeName,
    fromName: values.fromName,
    fromEmail: values.fromEmail,
    replyTo: values.replyTo ?? undefined,
    logoUrl: values.logoUrl ?? undefined,
    webFont: values.webFont ?? null,
    primaryColor: values.primaryColor,
    textColor: values.textColor,
    backgroundColor: values.backgroundColor,
    storeAddress: values.storeAddress,
    storefrontUrl: values.storefrontUrl,
  }
}

/** A template as the admin lists it: identity only, no sources. */
export function templateSummary(template: EmailTemplate) {
  return {
    name: template.name,
    topic: template.topic,
    category: template.category,
    description: template.description,
  }
}
