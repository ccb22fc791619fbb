export * from './database.ts'
export * from './jwks.ts'
export * from './kafka-topics.ts'
export * from './readiness.ts'
