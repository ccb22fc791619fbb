import { useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { type FocusTarget, useCurrentSession } from '../focus/focus-queries.ts'
import { useTargetNames } from '../focus/session-summary.tsx'
import { TargetFields } from '../focus/target-fields.tsx'
import { FormMessage } from '../ui/field.tsx'
import { type Participant, useUpdateMyPart } from './room-queries.ts'

/**
 * Whether the shared work phases drive a focus session of mine, and what it is on. My running
 * session shows what it is on; after a change, what the API answered.
 */
export function MyPart({ roomId, me }: { roomId: string; me: Participant }) {
  const update = useUpdateMyPart(roomId)
  const current = useCurrentSession()
  const nameOf = useTargetNames()
  const session = current.data?.roomId === roomId ? current.data : undefined
  const answered = update.data?.participant
  const [target, setTarget] = useState<FocusTarget>()
  const shown: FocusTarget =
    target ??
    (answered
      ? { taskId: answered.taskId ?? undefined, habitId: answered.habitId ?? undefined }
      : { taskId: session?.taskId ?? undefined, habitId: session?.habitId ?? undefined })
  const on = session && nameOf(session)
  return (
    <section aria-labelledby="my-part-heading" className="my-part">
      <h2 id="my-part-heading">My focus</h2>
      <FormMessage message={formMessage(update.error)} />
      <label className="check">
        <input
          type="checkbox"
          checked={me.inTimer}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ inTimer: event.target.checked })}
        />
        Focus with the shared timer
      </label>
      <TargetFields
        target={shown}
        error={update.error}
        onChange={(next) => {
          setTarget(next)
          update.mutate({ taskId: next.taskId ?? null, habitId: next.habitId ?? null })
        }}
      />
      <p className="muted hint" role="status">
        {session
          ? `My session is ${session.status}${on ? ` on ${on}` : ''}: it counts as my own focus.`
          : me.inTimer
            ? 'Each focus phase runs a session of mine, credited as my own.'
            : 'The shared timer does not run a session of mine; one of my own keeps running.'}
      </p>
    </section>
  )
}
