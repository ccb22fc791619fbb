export * from './database.ts'
export * from './jwks.ts'
export * from './readiness.ts'
