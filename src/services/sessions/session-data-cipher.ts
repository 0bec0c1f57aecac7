import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
/** Format marker, so a future key rotation can tell which key sealed a value. */
const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * Seals the answers of sessions that do not store user data (AES-256-GCM). The session id is the
 * additional authenticated data: a sealed value copied onto another session does not open there.
 */
export class SessionDataCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The session data key must be 32 bytes');
  }

  seal(sessionId: number, value: unknown): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(aad(sessionId));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
    return [VERSION, ...parts].join('.');
  }

  /** The sealed value; throws when it was tampered with, sealed for another session or key. */
  open<T>(sessionId: number, sealed: string): T {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || body === undefined) throw new Error('Not a sealed session value');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(sessionId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(text) as T;
  }
}

const aad = (sessionId: number) => Buffer.from(`wizard_user_sessions:${sessionId}`);
