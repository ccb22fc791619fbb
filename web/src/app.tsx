import { useSyncExternalStore } from 'react'
import { Link, Redirect, Route, Switch, useLocation } from 'wouter'
import { session, signOut, type User } from './api/session.ts'
import { AuthScreen } from './auth/auth-screen.tsx'
import { FocusScreen } from './focus/focus-screen.tsx'
import { SettingsScreen } from './settings/settings-screen.tsx'
import { ProjectsScreen } from './tasks/projects-screen.tsx'
import { TodayScreen } from './tasks/today-screen.tsx'

export function App() {
  const state = useSyncExternalStore(session.subscribe, session.get)
  if (state.status === 'resuming') return <p className="muted splash">Loading FocusHub…</p>
  if (state.status === 'signed-out') {
    return (
      <Switch>
        <Route path="/sign-up">
          <AuthScreen mode="sign-up" />
        </Route>
        <Route path="/sign-in">
          <AuthScreen mode="sign-in" />
        </Route>
        <Route>
          <Redirect to="/sign-in" replace />
        </Route>
      </Switch>
    )
  }
  return <SignedIn user={state.user} />
}

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation()
  const current = location === href || location.startsWith(`${href}/`)
  return (
    <Link href={href} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  )
}

function SignedIn({ user }: { user: User }) {
  return (
    <>
      <header className="top">
        <span className="brand">FocusHub</span>
        <nav aria-label="Main">
          <NavLink href="/today">Today</NavLink>
          <NavLink href="/projects">Projects</NavLink>
          <NavLink href="/focus">Focus</NavLink>
          <NavLink href="/settings">Settings</NavLink>
        </nav>
        <span className="who">{user.displayName}</span>
        <button type="button" className="quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <Switch>
        <Route path="/today">
          <TodayScreen user={user} />
        </Route>
        <Route path="/projects">
          <ProjectsScreen />
        </Route>
        <Route path="/projects/:projectId">{(params) => <ProjectsScreen projectId={params.projectId} />}</Route>
        <Route path="/focus">
          <FocusScreen />
        </Route>
        <Route path="/settings">
          <SettingsScreen />
        </Route>
        <Route>
          <Redirect to="/today" replace />
        </Route>
      </Switch>
    </>
  )
}
