// The clients' accounts, each registered through the API like any new user (argon2 included),
// a few at a time, before anything is measured.
import { register, type Account } from './wizard-setup';

const AT_ONCE = 4;

export async function registerClients(graphqlUrl: string, count: number): Promise<Account[]> {
  const accounts: Account[] = [];
  for (let first = 0; first < count; first += AT_ONCE) {
    const batch = Array.from({ length: Math.min(AT_ONCE, count - first) }, (_, i) =>
      register(graphqlUrl, `bench-client-${first + i + 1}@bench.invalid`),
    );
    accounts.push(...(await Promise.all(batch)));
  }
  return accounts;
}
