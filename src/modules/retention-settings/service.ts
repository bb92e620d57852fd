import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { RetentionSetting } from "./models/retention-setting"
import { RetentionSettingsChange } from "./models/retention-settings-change"
import { SchedulerHeartbeat } from "./models/scheduler-heartbeat"
import {
  AllSectionValues,
  BUILT_IN_DEFAULTS,
  describeZodError,
  pluginOptionsSchema,
  RetentionPluginOptions,
  SECTION_NAMES,
  SECTION_SCHEMAS,
  SectionName,
  SectionValues,
} from "./sections"

export type SectionState<S extends SectionName = SectionName> = {
  section: S
  values: SectionValues<S>
  // 0 while the section still runs on defaults and has never been saved.
  version: number
  updated_by: string | null
  updated_at: Date | null
}

export type SaveSectionResult<S extends SectionName = SectionName> = {
  previous: SectionState<S>
  current: SectionState<S>
  changes: Record<string, { from: unknown; to: unknown }>
}

type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<unknown[]> }

class RetentionSettingsModuleService extends MedusaService({
  RetentionSetting,
  RetentionSettingsChange,
  SchedulerHeartbeat,
}) {
  protected readonly defaults_: AllSectionValues

  constructor(container: Record<string, unknown>, options: RetentionPluginOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    const parsed = pluginOptionsSchema.safeParse(options ?? {})
    if (!parsed.success) {
      throw new MedusaError(
        MedusaError.Types.INVALID_ARGUMENT,
        `medusa-plugin-retention options are invalid: ${describeZodError(parsed.error)}`
      )
    }
    this.defaults_ = {
      brand: { ...BUILT_IN_DEFAULTS.brand, ...parsed.data.brand },
      consent: { ...BUILT_IN_DEFAULTS.consent, ...parsed.data.consent },
      nps: { ...BUILT_IN_DEFAULTS.nps },
      // The `replenishment.predictions` plugin option gives the first value; the admin's switch wins.
      replenishment: predictionDefaults(options),
    }
  }

  /** Defaults from plugin options merged over built-in defaults, before any admin edit. */
  getDefaults<S extends SectionName>(section: S): SectionValues<S> {
    return { ...this.defaults_[section] }
  }

  @InjectManager()
  async getSection<S extends SectionName>(
    section: S,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SectionState<S>> {
    const [row] = await this.listRetentionSettings({ section }, {}, sharedContext)
    return this.toState(section, row)
  }

  @InjectManager()
  async getAllSections(@MedusaContext() sharedContext: Context = {}): Promise<SectionState[]> {
    const rows = await this.listRetentionSettings({ section: SECTION_NAMES }, {}, sharedContext)
    return SECTION_NAMES.map((section) =>
      this.toState(
        section,
        rows.find((r) => r.section === section)
      )
    )
  }

  /**
   * Validates a partial update against the section schema and saves the merged result.
   * Throws INVALID_DATA naming the offending field; nothing is written in that case.
   */
  @InjectTransactionManager()
  async saveSection<S extends SectionName>(
    section: S,
    patch: Record<string, unknown>,
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SaveSectionResult<S>> {
    const manager = sharedContext.transactionManager as SqlManager
    // Lock the row so two admins saving at once get consecutive versions instead of a
    // lost update (the change log is keyed by version).
    await manager.execute(
      `insert into retention_setting (id, section, "values", version, created_at, updated_at)
       values (?, ?, '{}'::jsonb, 0, now(), now()) on conflict (section) where deleted_at is null do nothing`,
      [`rset_${section}`, section]
    )
    await manager.execute(
      `select id from retention_setting where section = ? and deleted_at is null for update`,
      [section]
    )
    const [row] = await this.listRetentionSettings({ section }, {}, sharedContext)
    const previous = this.toState(section, row)

    const schema = SECTION_SCHEMAS[section]
    const parsed = schema.safeParse({ ...previous.values, ...patch })
    if (!parsed.success) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, describeZodError(parsed.error))
    }
    const unknownKeys = Object.keys(patch).filter((k) => !(k in schema.shape))
    if (unknownKeys.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${unknownKeys.join(", ")}: not a setting of section "${section}"`
      )
    }
    const values = parsed.data as SectionValues<S>
    const changes = diff(previous.values, values)
    if (!Object.keys(changes).length) {
      return { previous, current: previous, changes }
    }

    const [updated] = await this.updateRetentionSettings(
      [{ id: row.id, values, version: previous.version + 1, updated_by: actorId }],
      sharedContext
    )
    return { previous, current: this.toState(section, updated), changes }
  }

  /** Compensation for saveSection: puts back the values and version that were there before. */
  @InjectTransactionManager()
  async restoreSection(
    previous: SectionState,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const [row] = await this.listRetentionSettings({ section: previous.section }, {}, sharedContext)
    if (!row) {
      return
    }
    await this.updateRetentionSettings(
      [
        {
          id: row.id,
          values: previous.version === 0 ? {} : previous.values,
          version: previous.version,
          updated_by: previous.updated_by,
        },
      ],
      sharedContext
    )
  }

  /** Records an audit entry once per (section, version); a redelivered event is a no-op. */
  @InjectTransactionManager()
  async recordChange(
    input: {
      section: string
      version: number
      changed_by: string | null
      changes: Record<string, unknown>
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const inserted = await manager.execute(
      `insert into retention_settings_change (id, section, version, changed_by, changes, created_at, updated_at)
       values (?, ?, ?, ?, ?::jsonb, now(), now())
       on conflict (section, version) where deleted_at is null do nothing returning id`,
      [
        `rsch_${input.section}_${input.version}`,
        input.section,
        input.version,
        input.changed_by,
        JSON.stringify(input.changes),
      ]
    )
    return { created: inserted.length > 0 }
  }

  /**
   * Records one run of a scheduled job for the minute slot `at`. Idempotent by (job, slot):
   * the row only moves forward, so a duplicate trigger of the same slot (the workflow engine
   * does not guarantee once-only after a run finished) counts nothing twice.
   */
  @InjectTransactionManager()
  async recordHeartbeat(
    jobName: string,
    at: Date,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ counted: boolean }> {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await manager.execute(
      `insert into retention_scheduler_heartbeat (id, job_name, last_run_at, run_count, created_at, updated_at)
       values (?, ?, ?, 1, now(), now())
       on conflict (job_name) where deleted_at is null do update
         set last_run_at = excluded.last_run_at,
             run_count = retention_scheduler_heartbeat.run_count + 1,
             updated_at = now()
         where retention_scheduler_heartbeat.last_run_at < excluded.last_run_at
       returning id`,
      [`rshb_${jobName}`, jobName, at]
    )
    return { counted: rows.length > 0 }
  }

  private toState<S extends SectionName>(
    section: S,
    row?: { values: unknown; version: number; updated_by: string | null; updated_at: Date } | null
  ): SectionState<S> {
    const stored = row && row.version > 0 && isRecord(row.values) ? row.values : {}
    // Stored values win over defaults; a field added in a later release falls back to its
    // default until the merchant saves the section again.
    const schema = SECTION_SCHEMAS[section]
    let merged = schema.safeParse({ ...this.defaults_[section], ...stored })
    if (!merged.success) {
      // A stored value that a later release refuses (an http:// logo saved before URLs had to
      // be https) falls back to its default on its own; the rest of the section stays as saved.
      const refused = new Set(merged.error.issues.map((issue) => String(issue.path[0])))
      const kept = Object.fromEntries(Object.entries(stored).filter(([key]) => !refused.has(key)))
      merged = schema.safeParse({ ...this.defaults_[section], ...kept })
    }
    return {
      section,
      values: (merged.success ? merged.data : this.defaults_[section]) as SectionValues<S>,
      version: row?.version ?? 0,
      updated_by: row?.updated_by ?? null,
      updated_at: row && row.version > 0 ? new Date(row.updated_at) : null,
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {}
  const a = before as Record<string, unknown>
  const b = after as Record<string, unknown>
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      out[key] = { from: a[key] ?? null, to: b[key] ?? null }
    }
  }
  return out
}

export default RetentionSettingsModuleService

function predictionDefaults(options: unknown): SectionValues<"replenishment"> {
  const predictions = (options as { replenishment?: { predictions?: { enabled?: unknown; leadDays?: unknown } } } | null)?.replenishment?.predictions
  const lead = Number(predictions?.leadDays)
  return {
    predictionsEnabled: typeof predictions?.enabled === "boolean" ? predictions.enabled : BUILT_IN_DEFAULTS.replenishment.predictionsEnabled,
    predictionLeadDays: Number.isInteger(lead) && lead >= 0 && lead <= 30 ? lead : BUILT_IN_DEFAULTS.replenishment.predictionLeadDays,
  }
}
