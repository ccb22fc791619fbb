import { AuthScreen } from '../auth/auth-screen.tsx'
import './settings.css'

/** Where deleting the account lands: signed out, the sign-in form under a notice that the account is gone. */
export function AccountDeletedScreen() {
  return (
    <>
      <header className="account-notice">
        <p role="status">Your account has been deleted and your personal data erased. You have been signed out.</p>
      </header>
      <AuthScreen mode="sign-in" />
    </>
  )
}
