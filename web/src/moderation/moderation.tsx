import { Route, Switch } from 'wouter'
import type { User } from '../api/session.ts'
import { CaseScreen } from './case-screen.tsx'
import { ModerationTabs } from './moderation-tabs.tsx'
import { canModerate } from './moderation-text.ts'
import './moderation.css'

/**
 * Moderation (/moderation, /moderation/cases/:id; loaded on first visit, linked in the nav for
 * moderators and admins only: app.tsx): the queue of open cases, closed ones and the log, and one case
 * to resolve.
 */
export default function Moderation({ user }: { user: User }) {
  if (!canModerate(user.role))
    return (
      <main className="screen moderation">
        <h1>Moderation</h1>
        <p role="alert" className="form-error">
          Only moderators see this page.
        </p>
      </main>
    )
  return (
    <Switch>
      <Route path="/moderation/cases/:id">
        {(params) => <CaseScreen key={params.id} caseId={params.id} userId={user.id} />}
      </Route>
      <Route>
        <main className="screen moderation">
          <h1>Moderation</h1>
          <ModerationTabs />
        </main>
      </Route>
    </Switch>
  )
}
