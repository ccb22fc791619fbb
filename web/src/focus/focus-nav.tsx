import { Link, useLocation } from 'wouter'

const pages = [
  ['/focus', 'Timer'],
  ['/focus/history', 'History'],
  ['/focus/shared', 'Shared with me'],
] as const

/** The Focus screens: the timer, the whole history (and logging), the sessions others shared with me. */
export function FocusNav() {
  const [location] = useLocation()
  return (
    <nav aria-label="Focus pages" className="focus-nav">
      {pages.map(([href, name]) => (
        <Link key={href} href={href} className="nav-link" aria-current={location === href ? 'page' : undefined}>
          {name}
        </Link>
      ))}
    </nav>
  )
}
