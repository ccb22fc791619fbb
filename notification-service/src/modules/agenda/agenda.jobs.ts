import type { Task, TaskList } from 'graphile-worker'
import Type from 'typebox'
import Value from 'typebox/value'
import { type AgendaContext, type DailyJobName, dailyJobs, rearm, runDailyJob } from './agenda.service.ts'

const DailyJobPayload = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  runAt: Type.String({ format: 'date-time' }),
})

/** The agenda module's jobs (task-list.ts): the daily agenda, the streak nudge and the weekly review of each user. */
export const agendaJobs = (ctx: AgendaContext): TaskList => {
  const job =
    (name: DailyJobName): Task =>
    async (payload, helpers) => {
      const { task } = dailyJobs[name]
      if (!Value.Check(DailyJobPayload, payload)) {
        helpers.logger.error(`${task}: malformed payload, dropped`)
        return
      }
      try {
        const outcome = await runDailyJob(ctx, name, payload)
        helpers.logger.debug(`${task} ${payload.userId}: ${outcome}`)
      } catch (error) {
        if (helpers.job.attempts >= helpers.job.max_attempts) await rearm(ctx, name, payload.userId)
        throw error
      }
    }
  return {
    [dailyJobs.agenda.task]: job('agenda'),
    [dailyJobs.streakNudge.task]: job('streakNudge'),
    [dailyJobs.weeklyReview.task]: job('weeklyReview'),
  }
}
