import { Route, Switch } from 'wouter'
import { FocusScreen } from './focus-screen.tsx'
import { HistoryScreen } from './history-screen.tsx'
import { SessionScreen } from './session-screen.tsx'
import { SharedWithMeScreen } from './shared-with-me-screen.tsx'

/** The Focus screens under /focus. */
export function FocusRoutes() {
  return (
    <Switch>
      <Route path="/focus/history">
        <HistoryScreen />
      </Route>
      <Route path="/focus/shared">
        <SharedWithMeScreen />
      </Route>
      <Route path="/focus/sessions/:id">{(params) => <SessionScreen key={params.id} sessionId={params.id} />}</Route>
      <Route>
        <FocusScreen />
      </Route>
    </Switch>
  )
}
