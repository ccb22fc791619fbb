export * from './database.ts'
export * from './import-records.ts'
export * from './manual-order.ts'
export * from './user-lock.ts'
