import Type, { type Static, type TObject } from 'typebox'
import { HttpUrl } from '../config.ts'

/** The S3-compatible object storage of attachments (locally Versity S3 Gateway, scripts/s3.sh). */
export const storageConfig = {
  /** Where the services reach the storage; presigned URLs are signed for this host. */
  S3_ENDPOINT: HttpUrl('http://127.0.0.1:7070'),
  /**
   * Where clients get those URLs (NGINX's /storage/): an http(s) URL, or a path — then each URL is a path
   * the client resolves against the origin it called (the web app's own, whatever name it goes by);
   * empty: the signed URLs as they are.
   */
  S3_PUBLIC_URL: Type.String({
    pattern: '^((https?://[^\\s/]+)?(/[^\\s]*)?)$',
    default: '',
    description: 'http(s) URL or absolute path, or empty for the presigned URLs as signed',
  }),
  S3_REGION: Type.String({ pattern: '^[a-z0-9-]{1,64}$', default: 'us-east-1' }),
  S3_BUCKET: Type.String({
    pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    default: 'focushub-attachments',
    description: 'an S3 bucket name (3-63 of a-z 0-9 . -)',
  }),
  S3_ACCESS_KEY_ID: Type.String({ pattern: '^[!-~]{3,128}$', default: 'focushub-s3-dev' }),
  S3_SECRET_ACCESS_KEY: Type.String({
    pattern: '^[!-~]{8,256}$',
    default: 'focushub_s3_secret_dev',
    description: '8 to 256 printable ASCII characters, no spaces',
  }),
  /** Path-style URLs (endpoint/bucket/key) rather than bucket.endpoint/key: what local S3 servers and NGINX's /storage/ expect. */
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: true }),
}

export type StorageConfig = Static<TObject<typeof storageConfig>>
