import { TaskReminder } from '@focushub/shared/events'
import { Uuid } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'

/** One reminder, as task.reminders_set carries it: `{ at }` an instant, or `{ before }` minutes before the due. */
export const Reminder = TaskReminder
export type Reminder = Static<typeof Reminder>

export const maxReminders = 5

const ReminderList = Type.Array(Reminder, {
  maxItems: maxReminders,
  description:
    '`{ at }`: at that instant; `{ before }`: that many minutes (0–10080) before the due instant (an all-day task: the end of its local day)',
})

export const TaskReminders = Type.Object({ taskId: Uuid, reminders: ReminderList })

export const SetRemindersBody = Type.Object(
  { reminders: ReminderList },
  { additionalProperties: false, description: 'Replaces my reminders for the task; an empty list removes them' },
)
