export * from './database.ts'
export * from './readiness.ts'
