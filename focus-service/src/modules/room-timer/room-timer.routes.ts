import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { RoomParams } from '../rooms/rooms.schemas.ts'
import { MyParticipant, ParticipantBody, TimerActionBody, TimerAnswer } from './room-timer.schemas.ts'
import { controlTimer, updateMyPart } from './room-timer.service.ts'
import type { RoomTimerAction } from './room-timer.ts'

const actions: RoomTimerAction[] = ['start', 'pause', 'resume', 'skip', 'end']

export async function roomTimerRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['rooms'], access: 'user' })

  for (const action of actions) {
    app.post(
      `/focus/rooms/:id/timer/${action}`,
      {
        schema: {
          summary: `${action[0].toUpperCase()}${action.slice(1)} the room's shared timer`,
          description:
            'Participants only; the host alone unless the room lets anyone drive the timer (403 `host-only`). ' +
            '409 `timer-action-not-allowed` names the actions the timer allows now.',
          params: RoomParams,
          headers: IfMatchHeaders,
          body: TimerActionBody,
          response: { 200: TimerAnswer, ...problems(400, 401, 403, 404, 409, 412) },
        },
      },
      async (request) => {
        const expectedVersion = request.body?.version ?? request.ifMatchVersion
        const user = currentUser(request)
        return controlTimer(ctx, user.userId, request.params.id, action, expectedVersion, contextOf(request))
      },
    )
  }

  app.patch(
    '/focus/rooms/:id/me',
    {
      schema: {
        summary: 'My part in the room: whether the shared timer drives my session, and its task and habit',
        params: RoomParams,
        body: ParticipantBody,
        response: { 200: MyParticipant, ...problems(400, 401, 404, 409) },
      },
    },
    async (request) =>
      updateMyPart(ctx, currentUser(request).userId, request.params.id, request.body, contextOf(request)),
  )
}
