import { resolve } from 'node:path';
import { startupBanner, type BannerFacts } from '../../src/startup-banner';

const FACTS: BannerFacts = {
  url: 'http://localhost:4000/graphql',
  ide: true,
  embedded: true,
  dataDir: '.data',
  demoAccounts: [{ role: 'ADMIN', email: 'admin@demo.wizard.local', password: 'pw' }],
};

describe('startupBanner', () => {
  it('says where the embedded data lives, as a full path', () => {
    expect(startupBanner(FACTS)).toContain(
      `Database: embedded PostgreSQL (data in ${resolve('.data')})`,
    );
    expect(startupBanner(FACTS)).not.toContain('DATA_DIR');
  });

  it('offers GraphiQL only when it is served', () => {
    expect(startupBanner(FACTS)).toContain('open it in a browser for GraphiQL');
    const withoutIde = startupBanner({ ...FACTS, ide: false });
    expect(withoutIde).not.toMatch(/GraphiQL|browser/);
    expect(withoutIde).toContain('HTTP and graphql-ws on the same URL');
  });

  it('names DATABASE_URL for your own database, and lists the demo accounts', () => {
    const banner = startupBanner({ ...FACTS, embedded: false });
    expect(banner).toContain('Database: DATABASE_URL');
    expect(banner).toContain('Demo ADMIN: admin@demo.wizard.local / pw');
  });
});
