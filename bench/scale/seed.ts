import { createHash } from 'node:crypto'

/**
 * The scale data set, written by the database itself: every statement is one INSERT … SELECT over
 * generate_series (a bulk load, like COPY, without streaming rows through this process). Rows are
 * inserted in time order across all users, as production writes them, so one user's rows lie
 * scattered over the heap rather than side by side. Ids are UUIDv7 (time first) made from a seed
 * text, so the bench finds its users again without asking the database.
 *
 * Users: k = 0 is the power user, k = 1 … 100,000 the others; user k holds k % 21 tasks (10 on
 * average, 1,000,000 in all), so a "typical" user is one with k % 21 = 20.
 */
export const users = 100_000
export const powerUser = 0
/** A user with 20 tasks, 49 sessions, 1 habit with 10 check-ins. */
export const typicalUser = 20

const base = "'2024-01-01T00:00:00Z'::timestamptz"
const span = "interval '700 days'"

/** The SQL of a UUIDv7 at instant `at` whose random bits come from md5(`seed`). */
const v7 = (at: string, seed: string) =>
  `(lpad(to_hex(floor(extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`

/** A user's id: the same in SQL (userIdSql) and here (userIdOf). */
const userIdSql = (k: string) => v7(base, `'user ' || ${k}`)

/** The id `v7(base, seed)` makes in SQL, computed here: a user's (`user <k>`), a project's (`own <p>`, `inbox <k>`). */
export function seededId(seed: string): string {
  const hex = createHash('md5').update(seed).digest('hex')
  const ms = Date.parse('2024-01-01T00:00:00Z').toString(16).padStart(12, '0')
  const text = `${ms}7${hex.slice(0, 3)}8${hex.slice(3, 18)}`
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`
}

export const userIdOf = (k: number) => seededId(`user ${k}`)

/** A point in the data set's 700 days, spread by a hash of `seed`. */
const spread = (seed: string) =>
  `${base} + ${span} * (('x' || substr(md5(${seed}), 1, 8))::bit(32)::bigint / 4294967296.0)`

const profiles = `
  insert into user_profiles (user_id, timezone, day_start_hour, as_of)
  select ${userIdSql('k')}, 'Europe/Berlin', 4, now() from generate_series(0, ${users}) as k`

export const taskStatements = [
  profiles,
  // Every user's Inbox; the power user's 20 own projects; users 1 … 10 each share one with them.
  `insert into projects (id, owner_id, name, is_inbox, created_at)
   select ${v7(base, "'inbox ' || k")}, ${userIdSql('k')}, 'Inbox', true, ${base} from generate_series(0, ${users}) as k
   union all
   select ${v7(base, "'own ' || p")}, ${userIdSql('0')}, 'Project ' || p, false, ${base} from generate_series(1, 20) as p
   union all
   select ${v7(base, "'shared ' || k")}, ${userIdSql('k')}, 'Shared ' || k, false, ${base} from generate_series(1, 10) as k`,
  `insert into project_members (project_id, user_id, role, position)
   select id, owner_id, 'owner', row_number() over (partition by owner_id order by id) from projects
   union all
   select ${v7(base, "'shared ' || k")}, ${userIdSql('0')}, 'editor', 100 + k from generate_series(1, 10) as k`,
  `insert into labels (id, owner_id, name)
   select ${v7(base, "'power label ' || l")}, ${userIdSql('0')}, 'Label ' || l from generate_series(0, 19) as l
   union all
   select ${v7(base, "'label ' || k")}, ${userIdSql('k')}, 'Errand' from generate_series(1, ${users}) as k`,
  // 1,000,000 tasks of users 1 … 100,000 in their Inbox, and the power user's 50,000 over 30
  // projects (half of each project's completed, each with one of 20 labels), all interleaved in creation order.
  `insert into tasks (id, project_id, title, description, status, priority, due_at, due_date, label_ids,
                      position, completed_at, created_by, created_at, updated_at)
   select ${v7('at', 'seed')}, project_id, 'Task ' || n, 'Seeded task ' || n || ' of the scale bench',
          case when done then 'done' when n % 4 = 0 then 'in_progress' else 'todo' end, n % 5,
          case when n % 3 = 0 then null else at + (n % 90) * interval '1 day' end, null, labels,
          extract(epoch from at) * 1000, case when done then at + interval '1 day' end, owner, at, at
   from (
     select ${spread("'t ' || k || ' ' || n")} as at, 't ' || k || ' ' || n as seed, ${v7(base, "'inbox ' || k")} as project_id,
            ${userIdSql('k')} as owner, n, false as done, '{}'::uuid[] as labels
     from generate_series(1, ${users}) as k cross join lateral generate_series(1, k % 21) as n
     union all
     select ${spread("'p ' || n")}, 'p ' || n,
            case when n % 30 < 20 then ${v7(base, "'own ' || (1 + n % 30)")} else ${v7(base, "'shared ' || (n % 30 - 19)")} end,
            ${userIdSql('0')}, n, n / 30 % 2 = 0, array[${v7(base, "'power label ' || (n % 20)")}]
     from generate_series(1, 50000) as n
   ) as seeded
   order by at`,
]

export const focusStatements = [
  profiles,
  // 49 sessions for each of users 1 … 100,000 and 100,000 for the power user: 5,000,000 in all,
  // 25 minutes each, a user's never overlapping, inserted in start order.
  `insert into focus_sessions (id, user_id, kind, status, work_minutes, short_break_minutes, long_break_minutes,
                               cycles_before_long_break, started_at, ended_at, focused_seconds, pomodoros,
                               completed_by, local_date)
   select ${v7('at', 'seed')}, user_id, 'timer', 'completed', 25, 5, 15, 4, at, at + interval '25 minutes', 1500, 1,
          'timer', (at at time zone 'Europe/Berlin')::date
   from (
     select ${base} + (j * 7 + k % 7) * interval '1 day' + (k % 600) * interval '1 minute' as at,
            's ' || k || ' ' || j as seed, ${userIdSql('k')} as user_id
     from generate_series(1, ${users}) as k cross join generate_series(0, 48) as j
     union all
     select ${base} + j * interval '30 minutes', 'ps ' || j, ${userIdSql('0')} from generate_series(0, 99999) as j
   ) as seeded
   order by at`,
  // Shared with the power user: one session of each of users 1 … 5,000; with the typical user: 20.
  `insert into session_shares (session_id, recipient_id)
   select ${v7(`${base} + (0 * 7 + k % 7) * interval '1 day' + (k % 600) * interval '1 minute'`, "'s ' || k || ' 0'")}, ${userIdSql('0')}
   from generate_series(1, 5000) as k
   union all
   select ${v7(`${base} + (1 * 7 + k % 7) * interval '1 day' + (k % 600) * interval '1 minute'`, "'s ' || k || ' 1'")}, ${userIdSql(String(typicalUser))}
   from generate_series(1, 20) as k`,
]

export const habitStatements = [
  profiles,
  // One habit for each of users 1 … 100,000 and 20 for the power user.
  `insert into habits (id, user_id, name, kind, schedule, start_date, position, summary, created_at)
   select ${v7(base, "'habit ' || k")}, ${userIdSql('k')}, 'Read', 'boolean', '{"type":"daily"}'::jsonb, '2024-01-01'::date, 1, 'null'::jsonb, ${base}
   from generate_series(1, ${users}) as k
   union all
   select ${v7(base, "'power habit ' || h")}, ${userIdSql('0')}, 'Habit ' || h, 'boolean', '{"type":"daily"}', '2024-01-01', h,
          'null', ${base}
   from generate_series(1, 20) as h`,
  // 10 check-ins for each of users 1 … 100,000 (1,000,000) and 700 days of each of the power user's
  // 20 habits (14,000), in date order.
  `insert into check_ins (habit_id, user_id, local_date, status, source)
   select habit_id, user_id, day, 'done', 'user' from (
     select ${v7(base, "'habit ' || k")} as habit_id, ${userIdSql('k')} as user_id,
            date '2024-01-01' + (d * 37 + k % 30) as day
     from generate_series(1, ${users}) as k cross join generate_series(0, 9) as d
     union all
     select ${v7(base, "'power habit ' || h")}, ${userIdSql('0')}, date '2024-01-01' + d
     from generate_series(1, 20) as h cross join generate_series(0, 699) as d
   ) as seeded
   order by day`,
  `insert into achievement_unlocks (user_id, achievement_id, unlocked_at)
   select ${userIdSql('k')}, id, ${base} + sort_order * interval '1 day'
   from achievements cross join generate_series(0, 100) as k`,
  `insert into user_rewards (user_id, points) select ${userIdSql('k')}, 100 from generate_series(0, ${users}) as k`,
]

/** The reminders' "now" in the data set (day 690 of 700), and the instant 1,000 of them are due at once. */
export const reminderNow = new Date(Date.parse('2024-01-01T00:00:00Z') + 690 * 86_400_000)
export const reminderTick = new Date(reminderNow.getTime() + 30 * 60_000)
const reminderNowSql = `'${reminderNow.toISOString()}'::timestamptz`
const reminderTickSql = `'${reminderTick.toISOString()}'::timestamptz`

/** The notification kinds, in the order the seed cycles through them (n % 7). */
const notificationKinds = `array['achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation',
  'task_reminder', 'daily_agenda', 'streak_at_risk']`

/**
 * Notifications: 50 for each of users 1 … 100,000 (5,000,000), one in ten unread, and 200,000 for the
 * power user, every other one unread (100,000): interleaved in time, inserted in creation order. An
 * e-mail delivery for every fifth; settings, a profile and an address for every user (a quiet-hours
 * window for one in four, achievements by e-mail for one in ten); 1,000 suspended accounts.
 */
export const notificationStatements = [
  profiles,
  `insert into notifications (id, user_id, kind, trigger_key, title, body, data, created_at, read_at)
   select ${v7('at', 'seed')}, user_id, (${notificationKinds})[1 + n % 7], 'seed:' || seed, 'Notification ' || n,
          'Seeded notification ' || n || ' of the scale bench.', '{}', at, case when not unread then at + interval '1 hour' end
   from (
     select ${spread("'n ' || k || ' ' || n")} as at, 'n ' || k || ' ' || n as seed, ${userIdSql('k')} as user_id, n,
            n % 10 = 0 as unread
     from generate_series(1, ${users}) as k cross join generate_series(1, 50) as n
     union all
     select ${spread("'pn ' || n")}, 'pn ' || n, ${userIdSql('0')}, n, n % 2 = 0 from generate_series(1, 200000) as n
   ) as seeded
   order by at`,
  `insert into deliveries (notification_id, channel, state, attempts, created_at, updated_at, sent_at)
   select id, 'email', 'sent', 1, created_at, created_at, created_at from notifications
   where right(trigger_key, 1) in ('0', '5') order by id`,
  `insert into notification_preferences (user_id, muted, quiet_start, quiet_end, kinds, updated_at)
   select ${userIdSql('k')}, false, case when k % 4 = 0 then '22:00' end, case when k % 4 = 0 then '07:00' end,
          case when k % 10 = 0 then '{"achievement_unlocked":{"inApp":true,"email":true}}' else '{}' end::jsonb, ${base}
   from generate_series(0, ${users}) as k`,
  `insert into email_recipients (user_id, address, display_name, as_of)
   select ${userIdSql('k')}, 'user' || k || '@example.com', 'User ' || k, ${base} from generate_series(0, ${users}) as k`,
  `insert into access_refusals (subject, reason, expires_at)
   select 'user:' || ${userIdSql('k')}, 'suspended', null from generate_series(${users - 999}, ${users}) as k`,
  // Reminders: 1,000,000 tasks as the task events leave them, due over the 700 days, a third done; the
  // power user is the assignee of 50,000, the others of ~10 each. One armed reminder per task, 30 minutes
  // before its due (the open ones: 666,667), fired up to day 690 ("now", `reminderNow`); the reminders of
  // every thousandth task (titles ending in 000) are at one instant, `reminderTick`, just after it: 667 due
  // at once, a batch and more of one firing.
  `insert into reminder_tasks (task_id, project_id, title, status, assignee_id, due_at, version)
   select ${v7(base, "'reminder task ' || t")}, ${v7(base, "'reminder project ' || (t % 5000)")}, 'Task ' || t,
          case when t % 3 = 0 then 'done' else 'todo' end,
          case when t <= 50000 then ${userIdSql('0')} else ${userIdSql(`(t % ${users}) + 1`)} end,
          ${spread("'reminder ' || t")}, 1
   from generate_series(1, 1000000) as t`,
  `insert into reminder_schedules (task_id, user_id, position, fire_at, job_key, fired_at)
   select task_id, assignee_id, 0, fire_at, 'reminder:' || task_id || ':' || assignee_id || ':0',
          case when fire_at < ${reminderNowSql} then fire_at end
   from (select task_id, assignee_id,
                case when right(title, 3) = '000' then ${reminderTickSql} else due_at - interval '30 minutes' end as fire_at
         from reminder_tasks where status = 'todo') as armed
   order by task_id`,
]
