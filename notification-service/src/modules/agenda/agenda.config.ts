import { InternalSecret } from '@focushub/shared/auth'
import { HttpUrl } from '@focushub/shared/config'
import Type from 'typebox'

/** The variables of the agenda's internal calls (.env.example, "Daily agenda"), spread into the config schema. */
export const agendaConfig = {
  TASK_SERVICE_URL: HttpUrl('http://127.0.0.1:3002'),
  FOCUS_SERVICE_URL: HttpUrl('http://127.0.0.1:3003'),
  HABIT_SERVICE_URL: HttpUrl('http://127.0.0.1:3004'),
  /** Bound of each internal call: a service too slow fails the job's attempt, which is retried. */
  INTERNAL_CALL_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 30_000, default: 5000 }),
  /** notification-service's credential for the others' internal routes: its entry in their INTERNAL_CALLERS. */
  NOTIFICATION_SERVICE_INTERNAL_SECRET: InternalSecret('focushub-notification-service-internal-dev'),
}
