export { appStorage } from './app-storage.ts'
export { type StorageConfig, storageConfig } from './config.ts'
export { createObjectStorage, type ObjectStorage, type PresignedPut } from './object-storage.ts'
