import { SessionDataCipher } from '../../src/services/sessions/session-data-cipher';
import {
  looksLikeSessionToken,
  newSessionToken,
  sessionTokenHash,
} from '../../src/services/sessions/session-token';

const cipher = new SessionDataCipher(Buffer.alloc(32, 3));

describe('SessionDataCipher', () => {
  const value = { value: 'private words ✓', input: 'more' };

  it('opens what it sealed for the same session', () => {
    const sealed = cipher.seal(7, value);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('private');
    expect(cipher.open(7, sealed)).toEqual(value);
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    expect(cipher.seal(7, value)).not.toBe(cipher.seal(7, value));
  });

  it('refuses a value sealed for another session', () => {
    expect(() => cipher.open(8, cipher.seal(7, value))).toThrow();
  });

  it('refuses a tampered value', () => {
    const [version, iv, tag, body] = cipher.seal(7, value).split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      cipher.open(7, [version, iv, tag, flipped.toString('base64url')].join('.')),
    ).toThrow();
    expect(() => cipher.open(7, 'not sealed')).toThrow();
  });

  it('refuses a value sealed under another key', () => {
    const other = new SessionDataCipher(Buffer.alloc(32, 4));
    expect(() => cipher.open(7, other.seal(7, value))).toThrow();
  });

  it('takes only a 32-byte key', () => {
    expect(() => new SessionDataCipher(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('session tokens', () => {
  it('carry 256 random bits behind a prefix', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^mws_[\w-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(looksLikeSessionToken(token)).toBe(true);
    expect(looksLikeSessionToken('Bearer x')).toBe(false);
  });

  it('are kept as their SHA-256', () => {
    const token = newSessionToken();
    expect(sessionTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionTokenHash(token)).not.toContain(token.slice(4, 20));
  });
});
