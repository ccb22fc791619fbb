import { Route, Switch } from 'wouter'
import type { User } from '../api/session.ts'
import { JoinScreen } from './join-screen.tsx'
import { RoomScreen } from './room-screen.tsx'
import { RoomsScreen } from './rooms-screen.tsx'
import './rooms.css'

/** The Rooms screens, loaded on first visit (app.tsx): the directory, joining by link, one room. */
export default function Rooms({ user }: { user: User }) {
  return (
    <Switch>
      <Route path="/rooms/join/:token?">{(params) => <JoinScreen token={params.token} />}</Route>
      <Route path="/rooms/:roomId">
        {(params) => <RoomScreen key={params.roomId} roomId={params.roomId} user={user} />}
      </Route>
      <Route>
        <RoomsScreen userId={user.id} />
      </Route>
    </Switch>
  )
}
