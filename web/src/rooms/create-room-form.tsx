import { useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { useTimerPlan } from '../settings/focus-settings-queries.ts'
import { FormMessage } from '../ui/field.tsx'
import { planValues, RoomForm, roomOf } from './room-form.tsx'
import { useCreateRoom } from './room-queries.ts'

/** A new room with me as its host, on my own timer plan unless changed; then its screen. */
export function CreateRoomForm() {
  const plan = useTimerPlan()
  const create = useCreateRoom()
  const [, navigate] = useLocation()
  if (!plan.data) return <FormMessage message={formMessage(plan.error)} />
  return (
    <RoomForm
      initial={{
        name: '',
        visibility: 'public',
        capacity: '10',
        tags: '',
        anyoneControls: false,
        plan: planValues(plan.data),
      }}
      submitLabel="Create room"
      error={create.error}
      pending={create.isPending}
      onSubmit={(values) => create.mutate(roomOf(values), { onSuccess: (room) => navigate(`/rooms/${room.id}`) })}
    />
  )
}
