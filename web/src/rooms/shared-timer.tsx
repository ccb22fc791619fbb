import { useEffect } from 'react'
import { formMessage, ProblemError } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { useNow } from '../ui/use-now.ts'
import { type RoomTimerAction, type RoomView, useRoom, useTimerControl } from './room-queries.ts'
import { allowedActions, clock, secondsLeft, timerSummary } from './room-text.ts'

const actionNames: Record<RoomTimerAction, string> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  skip: 'Skip phase',
  end: 'End',
}

/**
 * The room's one timer, owned by the server: a running phase's time left is its `phaseEndsAt` minus
 * this browser's clock, redrawn each second (so everyone in the room sees the same); a paused one
 * shows the `remainingSeconds` the server froze. The controls are the host's, or everyone's when the
 * host allows it; others see them disabled.
 */
export function SharedTimer({ room, canControl }: { room: RoomView; canControl: boolean }) {
  const { timer } = room
  const control = useTimerControl(room.id)
  const now = useNow(timer.status === 'running')
  const left = timer.status === 'idle' ? room.plan.workMinutes * 60 : secondsLeft(timer, now)
  // The phase ran out: the server moves the timer on (its event comes live); read it again meanwhile.
  const { refetch } = useRoom(room.id)
  useEffect(() => {
    if (timer.status === 'running' && left === 0) void refetch()
  }, [timer.status, left, refetch])
  // 409 (not allowed in the state it is in now) or 412: it moved on elsewhere, and has been read again.
  const outdated = control.error instanceof ProblemError && [409, 412].includes(control.error.problem.status)
  const message = outdated
    ? 'The timer changed meanwhile, so it has been reloaded. Try again.'
    : formMessage(control.error)
  return (
    <div className="timer room-timer">
      <FormMessage message={message} />
      <p className="phase">{timerSummary(timer)}</p>
      <p className="clock" role="timer" aria-label="Time left">
        {clock(left)}
      </p>
      <div className="timer-actions">
        {allowedActions[timer.status].map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'start' || action === 'pause' || action === 'resume' ? 'primary' : undefined}
            disabled={!canControl || control.isPending}
            onClick={() => control.mutate(action)}
          >
            {actionNames[action]}
          </button>
        ))}
      </div>
      {!canControl && <p className="muted hint">Only the host controls the timer.</p>}
    </div>
  )
}
