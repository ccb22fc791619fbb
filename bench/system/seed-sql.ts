// The statements that write each service's share of the data set. Each takes the accounts as
// $1 ids, $2 timezones, $3 day-start hours (arrays, one entry per account) and its own parameters
// after them; set-based (unnest × generate_series), so 10,000 accounts take seconds, not minutes.
import type { BenchConfig } from './config.ts'

export interface SeedStatement {
  table: string
  text: string
  parameters: (config: BenchConfig) => unknown[]
}

const accounts = 'unnest($1::uuid[], $2::text[], $3::int[]) with ordinality as u(id, tz, dsh, k)'
const none = () => []
const days = (config: BenchConfig) => [config.historyDays]

/** A UUIDv7 for an instant, like the services' ids (time-ordered), for this connection only. */
export const uuid7Function = `
  create or replace function pg_temp.uuid7(at timestamptz) returns uuid language sql volatile as $$
    select (lpad(to_hex(floor(extract(epoch from at) * 1000)::bigint), 12, '0') || '7'
      || substr(md5(random()::text), 1, 3) || substr('89ab', 1 + floor(random() * 4)::int, 1)
      || substr(md5(random()::text), 1, 15))::uuid
  $$`

const profiles: SeedStatement = {
  table: 'user_profiles',
  text: `insert into user_profiles (user_id, timezone, day_start_hour, as_of)
         select u.id, u.tz, u.dsh, now() from ${accounts}`,
  parameters: none,
}

/** An Inbox and two projects each; tasks spread over them, half open, due today, overdue, later or never. */
export const tasksSql: SeedStatement[] = [
  profiles,
  {
    table: 'projects',
    text: `insert into projects (id, owner_id, name, is_inbox)
           select pg_temp.uuid7(now()), u.id, p.name, p.name = 'Inbox'
           from ${accounts} cross join unnest(array['Inbox', 'Work', 'Home']) as p(name)`,
    parameters: none,
  },
  {
    table: 'project_members',
    text: `insert into project_members (project_id, user_id, role)
           select p.id, p.owner_id, 'owner' from projects p join ${accounts} on p.owner_id = u.id`,
    parameters: none,
  },
  {
    table: 'tasks',
    text: `with owned as (
             select p.id, p.owner_id, row_number() over (partition by p.owner_id order by p.name) - 1 as slot
             from projects p join ${accounts} on p.owner_id = u.id),
           series as (
             select u.id as owner_id, n, now() - ((n % $4) * interval '1 day') - n * interval '7 minutes' as made,
                    (array['todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo',
                           'in_progress', 'in_progress', 'in_progress', 'done', 'done', 'done', 'done', 'done',
                           'done', 'cancelled'])[1 + n % 20] as status
             from ${accounts} cross join generate_series(1, $5) as n)
           insert into tasks (id, project_id, title, description, status, priority, due_at, position, created_by,
                              completed_at, created_at, updated_at)
           select pg_temp.uuid7(s.made), o.id, 'Task ' || s.n, 'Seeded by bench/system', s.status, s.n % 5,
                  case s.n % 4 when 0 then null
                               when 1 then now() + (s.n % 8) * interval '1 hour'
                               when 2 then now() - (1 + s.n % 10) * interval '1 day'
                               else now() + (1 + s.n % 20) * interval '1 day' end,
                  s.n, s.owner_id, case when s.status = 'done' then s.made + interval '1 day' end, s.made, s.made
           from series s join owned o on o.owner_id = s.owner_id and o.slot = s.n % 3`,
    parameters: (config) => [config.historyDays, config.tasksPerUser],
  },
]

/** A completed 25-minute session on three days of four, in the morning, and the daily totals they make. */
export const focusSql: SeedStatement[] = [
  profiles,
  {
    table: 'focus_sessions',
    text: `insert into focus_sessions (id, user_id, kind, status, work_minutes, short_break_minutes,
             long_break_minutes, cycles_before_long_break, started_at, ended_at, focused_seconds, pomodoros,
             completed_by, local_date)
           select pg_temp.uuid7(t.at), u.id, 'timer', 'completed', 25, 5, 15, 4, t.at, t.at + interval '25 minutes',
                  1500, 1, 'user', (t.at at time zone u.tz - make_interval(hours => u.dsh))::date
           from ${accounts} cross join generate_series(1, $4) as d
           cross join lateral (select date_trunc('day', now()) - d * interval '1 day' + interval '6 hours'
                                      + (u.k % 240) * interval '1 minute' as at) t
           where (u.k + d) % 4 <> 0`,
    parameters: days,
  },
  {
    table: 'daily_totals',
    text: `insert into daily_totals (user_id, local_date, focused_seconds, sessions, pomodoros)
           select s.user_id, s.local_date, sum(s.focused_seconds), count(*), sum(s.pomodoros)
           from focus_sessions s join ${accounts} on s.user_id = u.id
           group by s.user_id, s.local_date`,
    parameters: none,
  },
]

/** Two boolean habits checked in on about 7 days of 10, and one focus-linked hour of focus a day. */
export const habitsSql: SeedStatement[] = [
  profiles,
  {
    table: 'habits',
    text: `insert into habits (id, user_id, name, kind, target, unit, target_type, schedule, start_date,
             focus_linked, position)
           select pg_temp.uuid7(now()), u.id, h.name, h.kind, h.target, h.unit, h.target_type, h.schedule::jsonb,
                  current_date - $4::int, h.kind = 'measurable', h.position
           from ${accounts} cross join (values
             ('Read 20 pages', 'boolean', null, null, null, '{"type":"daily"}', 0),
             ('Exercise', 'boolean', null, null, null, '{"type":"times_per_week","times":3}', 1),
             ('Focus an hour', 'measurable', 60, 'minutes', 'at_least', '{"type":"daily"}', 2)
           ) as h(name, kind, target, unit, target_type, schedule, position)`,
    parameters: days,
  },
  {
    table: 'check_ins',
    text: `insert into check_ins (habit_id, user_id, local_date, status, source)
           select h.id, h.user_id, current_date - d, 'done', 'user'
           from habits h join ${accounts} on h.user_id = u.id
           cross join generate_series(1, $4) as d
           where h.kind = 'boolean' and (u.k * 7 + d * 3 + h.position::int) % 10 < 7`,
    parameters: days,
  },
]
