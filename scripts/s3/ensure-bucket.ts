// `./focushub up` (scripts/s3.sh): creates the attachments bucket on the local S3 server when it is missing.
import { loadConfig } from '@focushub/shared/config'
import { createObjectStorage, storageConfig } from '@focushub/shared/storage'

const storage = createObjectStorage(loadConfig(storageConfig))
try {
  await storage.ensureBucket()
} finally {
  storage.close()
}
