// What notification-service's writes cost at scale, for bench/scale/run.ts: mark one read, mark all
// read, delete, and `tell` (what the consumers and jobs run for each notification: refused accounts,
// in-app refusals, the insert, the e-mail audience and job, the unread counts of the users told), and
// the reminders' jobs (a batch fired, a user's tasks re-armed for a changed default). Each
// runs the service's own function on the scale database through a connection that runs every
// statement twice: under EXPLAIN (ANALYZE, BUFFERS) in a savepoint rolled back, for its plan, then for
// real, so the code goes on as it would; and whose COMMIT is a ROLLBACK, so the data stays as seeded.
import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import { createLogger } from '@focushub/shared/logger'
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'
import type { Config } from '../../notification-service/src/config.ts'
import type { NotificationContext } from '../../notification-service/src/context.ts'
import type { Database } from '../../notification-service/src/db/tables.ts'
import { useJobQueue } from '../../notification-service/src/jobs/queue.ts'
import {
  readAllNotifications,
  readNotification,
  removeNotification,
  tell,
} from '../../notification-service/src/modules/notifications/notifications.service.ts'
import type { NotificationDraft } from '../../notification-service/src/modules/notifications/triggers.ts'
import {
  fireDueReminders,
  rearmDefaultReminders,
} from '../../notification-service/src/modules/reminders/reminders.service.ts'
import { powerUser, reminderNow, reminderTick, seededId, typicalUser, userIdOf } from './seed.ts'

export interface Statement {
  sql: string
  buffers: number
  ms: number
}

interface Plan {
  Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number }
  'Execution Time': number
}

const control = /^\s*(begin|start transaction|savepoint|release|rollback)\b/i

/** A pool whose clients explain each statement before running it, and roll back what they were asked to commit. */
function explainingPool(pool: pg.Pool, statements: Statement[]): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect()
      // A statement outside a transaction (a job's read before its batches) is explained in one of its own.
      let inTransaction = false
      const query = async (text: string, values: unknown[]) => {
        if (/^\s*commit\b/i.test(text)) {
          await client.query('rollback')
          inTransaction = false
          return { command: 'COMMIT', rowCount: null, rows: [] }
        }
        if (control.test(text)) {
          if (/^\s*(begin|start transaction)\b/i.test(text)) inTransaction = true
          if (/^\s*rollback\s*$/i.test(text)) inTransaction = false
          return client.query(text, values)
        }
        await client.query(inTransaction ? 'savepoint explained' : 'begin')
        const { rows } = await client.query<{ 'QUERY PLAN': [Plan] }>(
          `explain (analyze, buffers, format json) ${text}`,
          values,
        )
        await client.query(inTransaction ? 'rollback to savepoint explained' : 'rollback')
        const [plan] = rows[0]?.['QUERY PLAN'] ?? []
        statements.push({
          sql: text.replace(/\s+/g, ' ').slice(0, 160),
          buffers: plan ? plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'] : 0,
          ms: plan?.['Execution Time'] ?? 0,
        })
        return client.query(text, values)
      }
      return { query, release: () => client.release() } as unknown as Awaited<ReturnType<PostgresPool['connect']>>
    },
    end: () => pool.end(),
    options: pool.options,
  }
}

type Who = 'typical' | 'power'

const vacuum =
  'vacuum notifications, deliveries, notification_preferences, unread_counts, reminder_tasks, reminder_schedules'

const draftFor = (userId: string, n: number): NotificationDraft => ({
  userId,
  kind: 'task_reminder',
  triggerKey: `bench-scale:${n}`,
  title: 'Write the report',
  body: 'Due Sunday 10 March 2030 at 10:00 CET.',
  data: { taskId: seededId('bench task'), projectId: seededId('bench project') },
  requestId: 'bench-scale',
})

/** The service functions measured, for one user. */
const probes: { name: string; run: (ctx: NotificationContext, who: Who, pool: pg.Pool) => Promise<unknown> }[] = [
  {
    name: 'POST /notifications/{id}/read',
    run: async (ctx, who, pool) => readNotification(ctx, caller(who), await newestUnread(pool, who)),
  },
  {
    name: 'DELETE /notifications/{id}',
    run: async (ctx, who, pool) => removeNotification(ctx, caller(who), await newestUnread(pool, who)),
  },
  {
    name: 'tell: one notification (e-mailed)',
    run: (ctx, who) => inUnitOfWork(ctx.db, (work) => tell(work, [draftFor(userOf(who), 1)])),
  },
  {
    name: 'tell: a run of 100 users',
    run: (ctx, who) =>
      inUnitOfWork(ctx.db, (work) =>
        tell(work, [
          draftFor(userOf(who), 1),
          ...Array.from({ length: 99 }, (_, i) => draftFor(userIdOf(1000 + i), 1)),
        ]),
      ),
  },
  { name: 'POST /notifications/read-all', run: (ctx, who) => readAllNotifications(ctx, caller(who)) },
  // The reminders' jobs: a batch of the 667 due at one instant (the same for both users: a job fires
  // everyone's), and a user's default reminder changed (their open assigned tasks due from now on re-armed).
  {
    name: 'fire-reminder: a batch of 500 due at once',
    run: (ctx) => fireDueReminders(ctx, reminderTick, reminderTick),
  },
  { name: 'rearm-default-reminders', run: (ctx, who) => rearmDefaultReminders(ctx, userOf(who), reminderNow) },
]

const userOf = (who: Who) => userIdOf(who === 'power' ? powerUser : typicalUser)
const caller = (who: Who): RequestContext => ({
  userId: userOf(who),
  requestId: 'bench-scale',
  ip: '',
  authorization: '',
})

async function newestUnread(pool: pg.Pool, who: Who) {
  const { rows } = await pool.query<{ id: string }>(
    'select id from notifications where user_id = $1 and unread order by id desc limit 1',
    [userOf(who)],
  )
  if (!rows[0]) throw new Error(`the ${who} user has no unread notification`)
  return rows[0].id
}

/**
 * Each write for the typical and the power user: its statements' buffers and execution times (the
 * sum, and the largest statement), after one unmeasured pass for the typical user. The rolled-back
 * writes leave dead row versions behind: the tables are vacuumed after, so the next run reads what this
 * one did.
 */
export async function measureWrites(url: string, config: Config, log: (line: string) => void) {
  useJobQueue({ schema: config.JOB_QUEUE_SCHEMA, maxAttempts: config.JOB_MAX_ATTEMPTS })
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  const statements: Statement[] = []
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: explainingPool(new pg.Pool({ connectionString: url, max: 1 }), statements) }),
  })
  const ctx: NotificationContext = { db, config, log: createLogger('bench-scale', 'warn') }
  const results: Record<string, unknown>[] = []
  log('  write (each statement under EXPLAIN, rolled back)   user      statements  buffers  ms (sum) | largest')
  try {
    // The PUTs measured before left dead versions of the two users' settings rows; and a session's first
    // call of a function (graphile-worker's add_jobs) reads the catalog: measured on a warm session.
    await pool.query(vacuum)
    for (const probe of probes) await probe.run(ctx, 'typical', pool)
    for (const probe of probes) {
      for (const who of ['typical', 'power'] as const) {
        statements.length = 0
        await probe.run(ctx, who, pool)
        const buffers = statements.reduce((sum, s) => sum + s.buffers, 0)
        const ms = statements.reduce((sum, s) => sum + s.ms, 0)
        const largest = statements.reduce((a, b) => (b.buffers > a.buffers ? b : a))
        results.push({
          service: 'notifications',
          write: probe.name,
          user: who,
          buffers,
          ms,
          statements: [...statements],
        })
        log(
          `  ${probe.name.padEnd(52)} ${who.padEnd(8)} ${String(statements.length).padStart(10)} ${String(buffers).padStart(8)} ${ms.toFixed(2).padStart(9)} | ${largest.buffers} ${largest.sql.slice(0, 60)}`,
        )
      }
    }
    await pool.query(vacuum)
  } finally {
    await db.destroy()
    await pool.end()
  }
  return results
}
