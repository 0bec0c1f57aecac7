import type { DataSource } from 'typeorm';
import { ANONYMOUS } from '../../src/auth/viewer';
import { createContextFactory } from '../../src/graphql/context';
import * as loaderModule from '../../src/loaders';
import type { Loaders } from '../../src/loaders';
import type { Services } from '../../src/services';

/** What Apollo Server does to the context before resolvers see it (ApolloServer.cloneObject). */
const apolloCopy = <T extends object>(context: T): T =>
  Object.assign(Object.create(Object.getPrototypeOf(context) as object) as T, context);

describe('request context', () => {
  const request = { requestId: 'r-1', ip: null, userAgent: null };
  const madeLoaders = { marker: 'loaders' } as unknown as Loaders;
  let createLoaders: jest.SpyInstance;

  beforeEach(() => {
    createLoaders = jest.spyOn(loaderModule, 'createLoaders').mockReturnValue(madeLoaders);
  });

  afterEach(() => {
    createLoaders.mockRestore();
  });

  const factory = () =>
    createContextFactory({ dataSource: {} as DataSource, services: {} as Services });

  it("makes no loaders when Apollo copies an HTTP request's context", () => {
    const context = factory().forHttp(request, ANONYMOUS);
    const copy = apolloCopy(context);
    expect(createLoaders).not.toHaveBeenCalled();
    expect(copy.viewer).toBe(ANONYMOUS);
    expect(copy.db).toBe(context.db);
    expect(copy.requestId).toBe('r-1');
  });

  it('makes them once, on first use, for the copy resolvers see', () => {
    const copy = apolloCopy(factory().forHttp(request, ANONYMOUS));
    expect(copy.loaders).toBe(madeLoaders);
    expect(copy.loaders).toBe(madeLoaders);
    expect(createLoaders).toHaveBeenCalledTimes(1);
    expect(createLoaders).toHaveBeenCalledWith(expect.anything(), copy.db, { cache: true });
  });

  it('shares loaders made before the copy, and gives WebSocket operations uncached ones', () => {
    const live = { maxBacklog: 1, onOverflow: () => undefined };
    const context = factory().forWebSocket(request, ANONYMOUS, live);
    const made = context.loaders;
    const copy = apolloCopy(context);
    expect(copy.loaders).toBe(made);
    expect(copy.live).toBe(live);
    expect(createLoaders).toHaveBeenCalledTimes(1);
    expect(createLoaders).toHaveBeenCalledWith(expect.anything(), context.db, { cache: false });
  });
});
