import type { TaskList } from 'graphile-worker'
import type { UserDays } from '../modules/agenda/agenda.clients.ts'
import { agendaJobs } from '../modules/agenda/agenda.jobs.ts'
import { deliveryJobs } from '../modules/delivery/delivery.jobs.ts'
import type { DeliveryContext } from '../modules/delivery/delivery.service.ts'
import { exportJobs } from '../modules/exports/exports.jobs.ts'
import type { ExportContext } from '../modules/exports/exports.service.ts'
import { reminderJobs } from '../modules/reminders/reminders.jobs.ts'
import { webhookJobs } from '../modules/webhooks/webhooks.jobs.ts'
import type { WebhookContext } from '../modules/webhooks/webhooks.service.ts'

/** What the jobs work with: the service's context and the e-mails it sends. */
export type JobContext = DeliveryContext & WebhookContext & ExportContext & { days: UserDays }

/**
 * Every job the worker runs, by task name (the `task` of `enqueue`): each module exports its handlers
 * (`modules/<feature>/<feature>.jobs.ts`) and adds them here, one line each.
 */
export const taskList = (ctx: JobContext): TaskList => ({
  ...deliveryJobs(ctx),
  ...reminderJobs(ctx),
  ...agendaJobs(ctx),
  ...webhookJobs(ctx),
  ...exportJobs(ctx),
})
