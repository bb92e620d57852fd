// The scheduler lease both sequence engines use (cart recovery on retention_recovery_tick_lease,
// the lifecycle flows on retention_flow_tick_lease): one row per scheduler, id = the job's name.
// The tick holding an unexpired lease is the only one working; a worker that dies mid-tick hands
// it on when expires_at passes. One row written per tick, however many sequences are due.

export type TickKnex = { raw: (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

export type TickLeaseTable = "retention_recovery_tick_lease" | "retention_flow_tick_lease"

/**
 * Starts a tick in one statement: takes the lease `name` for `leaseSeconds` if nobody holds an
 * unexpired one, and only then runs `dueSql` (parameters: now, limit; it selects `id`, in due
 * order). Of two ticks at the same moment, in one process or two workers, exactly one gets the
 * lease; the other gets null and does nothing. The lease runs on the database clock: it is about
 * processes being alive, not the time a job pretends it is. The row is bookkeeping, not customer
 * data, so its commit does not wait for the disk (synchronous_commit off for this statement
 * only): after a database crash at worst a lease is lost, and every tick died with the database.
 */
export async function takeTickLease(
  knex: TickKnex,
  table: TickLeaseTable,
  dueSql: string,
  input: { name: string; holder: string; leaseSeconds: number; now: Date; limit: number }
): Promise<string[] | null> {
  // The ids come back as one comma-joined string (generated ids never contain a comma), in due
  // order as the sorted subquery feeds them: far cheaper for the driver than a thousand rows.
  const { rows } = await knex.raw(
    `with lease as (
       insert into ${table} (id, holder, expires_at)
       values (?, ?, now() + make_interval(secs => ?))
       on conflict (id) do update set holder = excluded.holder, expires_at = excluded.expires_at, updated_at = now()
       where ${table}.expires_at <= now()
       returning holder
     )
     select (select holder from lease) as holder,
            case when exists (select 1 from lease) then (select string_agg(d.id, ',') from (${dueSql}) d) end as ids,
            set_config('synchronous_commit', 'off', true) as commit_mode`,
    [input.name, input.holder, input.leaseSeconds, input.now.toISOString(), input.limit]
  )
  const row = rows[0]
  if (!row || row.holder !== input.holder) return null
  return row.ids ? String(row.ids).split(",") : []
}

/** Ends a tick: gives the lease back if `holder` still has it (an expired one may have passed on). */
export async function giveBackTickLease(knex: TickKnex, table: TickLeaseTable, input: { name: string; holder: string }): Promise<void> {
  await knex.raw(
    `with released as (
       update ${table} set expires_at = now(), updated_at = now() where id = ? and holder = ?
       returning id
     )
     select set_config('synchronous_commit', 'off', true), (select count(*) from released)`,
    [input.name, input.holder]
  )
}
