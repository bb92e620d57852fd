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
    // The merchant's wording of some `{{t.key}}` strings of this locale (key → text); the
    // template's other strings stay as shipped. Edited as fields, no MJML needed.
    strings: model.json().nullable(),
    // Bumped on every save; part of the renderer's cache key.
    version: model.number().default(1),
    updated_by: model.text().nullable(),
  })
  .indexes([{ on: ["template", "locale"], unique: true }])

// Every save and reset of an override, newest version last: who did it and what the override
// was afterwards (all null after a reset). Append-only; the editor lists it and can restore one.
export const TemplateOverrideVersion = model
  .define("retention_template_override_version", {
    id: model.id({ prefix: "rtplv" }).primaryKey(),
    template: model.text(),
    locale: model.text(),
    // The override's version after this change; 0 for a reset to the shipped template.
    version: model.number(),
    action: model.enum(["save", "reset"]),
    subject: model.text().nullable(),
    mjml: model.text().nullable(),
    strings: model.json().nullable(),
    saved_by: model.text().nullable(),
  })
  .indexes([{ on: ["template", "locale", "created_at"] }])
