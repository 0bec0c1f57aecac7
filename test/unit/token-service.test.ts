import { TokenService } from '../../src/auth/tokens';

describe('TokenService', () => {
  const user = { id: 7, passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' };

  afterEach(() => jest.useRealTimers());

  it('verifies the same token again without a different answer', async () => {
    const tokens = new TokenService('a secret of enough length for HS256', 60);
    const { token } = await tokens.issue(user);
    const first = await tokens.verify(token);
    expect(first).toEqual({ userId: 7, passwordVersion: expect.any(String) });
    expect(await tokens.verify(token)).toEqual(first);
  });

  it('refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T12:00:00Z'), doNotFake: ['nextTick'] });
    const tokens = new TokenService('a secret of enough length for HS256', 60);
    const { token, expiresAt } = await tokens.issue(user);
    expect(await tokens.verify(token)).not.toBeNull();
    jest.setSystemTime(expiresAt.getTime() - 1_000);
    expect(await tokens.verify(token)).not.toBeNull();
    jest.setSystemTime(expiresAt.getTime());
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
  });

  it('remembers nothing for a token that fails: altered, or signed with another secret', async () => {
    const tokens = new TokenService('a secret of enough length for HS256', 60);
    const other = new TokenService('another secret of enough length', 60);
    const { token } = await tokens.issue(user);
    expect(await other.verify(token)).toBeNull();
    expect(await other.verify(token)).toBeNull();
    const [header, payload, signature] = token.split('.');
    const altered = `${header}.${payload}.${signature.slice(0, -2)}AA`;
    expect(await tokens.verify(altered)).toBeNull();
    expect(await tokens.verify(token)).not.toBeNull();
    expect(await tokens.verify(altered)).toBeNull();
  });
});
