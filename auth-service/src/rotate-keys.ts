import { keysDirectory, loadServiceConfig } from './config.ts'
import { rotateSigningKeys } from './modules/keys/signing-keys.ts'

// Restart auth-service afterwards: it signs with the new key and still publishes the old one.
const dir = keysDirectory(loadServiceConfig())
const { current, previous } = await rotateSigningKeys(dir)
console.log(`auth-service keys in ${dir}: current ${current}, previous ${previous ?? '(none)'}`)
