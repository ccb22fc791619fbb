export * from './database.ts'
export * from './manual-order.ts'
