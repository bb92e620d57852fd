import { model } from "@medusajs/framework/utils"

// A merchant's edit of a template's subject and MJML for one locale, validated by compiling
// before save. Deleting the row resets the template to the shipped default.
export const TemplateOverride = model
  .define("retention_template_override", {
    id: model.id({ prefix: "rtpl" }).primaryKey(),
    template: model.text(),
    locale: model.text(),
    subject: model.text().nullable(),
    mjml: model.text().nullable(),
    // Bumped on every save; part of the renderer's cache key.
    version: model.number().default(1),
    updated_by: model.text().nullable(),
  })
  .indexes([{ on: ["template", "locale"], unique: true }])
