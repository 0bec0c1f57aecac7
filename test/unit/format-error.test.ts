import { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { createErrorFormatter } from '../../src/errors/format-error';

const PATH = ['wizards'];

/** A formatter whose logger writes JSON lines into `lines`. */
function formatterWithLog() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        lines.push(line);
      },
    },
  );
  return { format: createErrorFormatter(logger), lines };
}

/** What graphql-js does to an error thrown in a resolver: a located GraphQLError around it. */
function asResolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: PATH, originalError: original });
}

/** Apollo's formatted error before formatError, with the stack trace it adds. */
function formattedFor(error: GraphQLError, code = 'INTERNAL_SERVER_ERROR'): GraphQLFormattedError {
  return {
    message: error.message,
    path: PATH,
    extensions: {
      ...error.extensions,
      code,
      stacktrace: ['Error: ' + error.message, '    at resolver (/srv/app/src/resolver.ts:1:1)'],
    },
  };
}

function queryFailed(code: string): QueryFailedError {
  return new QueryFailedError(
    'SELECT secret FROM x',
    [],
    Object.assign(new Error(`duplicate key (${code})`), { code }),
  );
}

function expectNoSecrets(result: GraphQLFormattedError): void {
  const text = JSON.stringify(result);
  expect(text).not.toContain('SELECT');
  expect(text).not.toContain('secret');
  expect(text).not.toContain('stacktrace');
  expect(text).not.toContain('/srv/app');
  expect(result.extensions?.stacktrace).toBeUndefined();
}

describe('createErrorFormatter', () => {
  describe('unexpected errors', () => {
    it('masks a plain error as INTERNAL_SERVER_ERROR with an error id', () => {
      const { format } = formatterWithLog();
      const error = asResolverError(new Error('boom at /srv/app.ts'));
      const result = format(formattedFor(error), error);
      expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.extensions?.errorId).toEqual(expect.any(String));
      expect(result.message).not.toContain('boom');
      expect(result.message).not.toContain('/srv/app.ts');
      expect(result.message).toContain(result.extensions?.errorId as string);
      expect(result.path).toEqual(PATH);
      expectNoSecrets(result);
    });

    it('logs the error id together with the original message', () => {
      const { format, lines } = formatterWithLog();
      const error = asResolverError(new Error('boom at /srv/app.ts'));
      const result = format(formattedFor(error), error);
      expect(lines).toHaveLength(1);
      const logged = JSON.parse(lines[0]);
      expect(logged.errorId).toBe(result.extensions?.errorId);
      expect(lines[0]).toContain('boom at /srv/app.ts');
      expect(logged.level).toBe(50);
    });

    it('gives every masked error its own id', () => {
      const { format, lines } = formatterWithLog();
      const error = asResolverError(new Error('boom'));
      const first = format(formattedFor(error), error);
      const second = format(formattedFor(error), error);
      expect(first.extensions?.errorId).not.toBe(second.extensions?.errorId);
      expect(lines).toHaveLength(2);
    });

    it('masks an error that was not wrapped by graphql-js', () => {
      const { format } = formatterWithLog();
      const original = new Error('boom at /srv/app.ts');
      const result = format(
        { message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        original,
      );
      expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.message).not.toContain('boom');
    });

    it('masks a resolver error that claims a pass-through code but is not a GraphQLError', () => {
      const { format } = formatterWithLog();
      const original = Object.assign(new Error('boom SELECT 1'), {
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const error = asResolverError(original);
      const result = format(formattedFor(error, 'BAD_USER_INPUT'), error);
      expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.message).not.toContain('boom');
      expectNoSecrets(result);
    });
  });

  describe('database errors', () => {
    it('turns a unique violation (23505) into CONFLICT without SQL', () => {
      const { format, lines } = formatterWithLog();
      const error = asResolverError(queryFailed('23505'));
      const result = format(formattedFor(error), error);
      expect(result.extensions?.code).toBe('CONFLICT');
      expect(result.message).not.toContain('duplicate key');
      expectNoSecrets(result);
      expect(lines).toHaveLength(0);
    });

    it('turns a foreign key violation (23503) into BAD_USER_INPUT without SQL', () => {
      const { format } = formatterWithLog();
      const error = asResolverError(queryFailed('23503'));
      const result = format(formattedFor(error), error);
      expect(result.extensions?.code).toBe('BAD_USER_INPUT');
      expectNoSecrets(result);
    });

    it.each(['22021', '22P05'])(
      'turns text the database cannot store (%s, e.g. U+0000) into BAD_USER_INPUT',
      (code) => {
        const { format, lines } = formatterWithLog();
        const error = asResolverError(queryFailed(code));
        const result = format(formattedFor(error), error);
        expect(result.extensions?.code).toBe('BAD_USER_INPUT');
        expectNoSecrets(result);
        expect(lines).toHaveLength(0);
      },
    );

    it.each(['42P01', '57014', '22P02'])('masks any other SQL error (%s)', (code) => {
      const { format, lines } = formatterWithLog();
      const error = asResolverError(queryFailed(code));
      const result = format(formattedFor(error), error);
      expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(result.extensions?.errorId).toEqual(expect.any(String));
      expectNoSecrets(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(result.extensions?.errorId as string);
    });

    it('maps a bare QueryFailedError (not wrapped) the same way', () => {
      const { format } = formatterWithLog();
      const original = queryFailed('23505');
      const result = format(
        { message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        original,
      );
      expect(result.extensions?.code).toBe('CONFLICT');
      expectNoSecrets(result);
    });
  });

  describe('a database that cannot be reached', () => {
    const unreachable: [string, () => Error][] = [
      ['57P01 (admin shutdown)', () => queryFailed('57P01')],
      ['57P03 (starting up)', () => queryFailed('57P03')],
      ['08006 (connection failure)', () => queryFailed('08006')],
      [
        'ECONNREFUSED',
        () =>
          Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:5432'), { code: 'ECONNREFUSED' }),
      ],
      ['a lost connection', () => new Error('Connection terminated unexpectedly')],
      ['the pool connect timeout', () => new Error('timeout exceeded when trying to connect')],
      [
        'a refusal wrapped as a cause',
        () =>
          new Error('Connection terminated due to connection timeout', {
            cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }),
          }),
      ],
    ];

    it.each(unreachable)(
      'turns %s into SERVICE_UNAVAILABLE with retryAfterSeconds, no address, logged as a warning',
      (_name, make) => {
        const { format, lines } = formatterWithLog();
        const error = asResolverError(make());
        const result = format(formattedFor(error), error);
        expect(result.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
        expect(result.path).toEqual(PATH);
        expect(JSON.stringify(result)).not.toMatch(/10\.0\.0\.9|ECONN|terminated|timeout/);
        expectNoSecrets(result);
        expect(lines.map((line) => JSON.parse(line).level)).toEqual([40]);
      },
    );

    it('leaves a failed statement (23505, 42P01) alone', () => {
      const { format } = formatterWithLog();
      for (const [code, expected] of [
        ['23505', 'CONFLICT'],
        ['42P01', 'INTERNAL_SERVER_ERROR'],
      ]) {
        const error = asResolverError(queryFailed(code));
        expect(format(formattedFor(error), error).extensions?.code).toBe(expected);
      }
    });
  });

  describe('known errors', () => {
    it('passes BAD_USER_INPUT through with its fields and without the stack trace', () => {
      const { format, lines } = formatterWithLog();
      const error = new GraphQLError('first must be between 1 and 100', {
        path: PATH,
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: 'too big' }] },
      });
      const result = format(formattedFor(error, 'BAD_USER_INPUT'), error);
      expect(result.message).toBe('first must be between 1 and 100');
      expect(result.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'first', message: 'too big' }],
      });
      expect(result.extensions?.stacktrace).toBeUndefined();
      expect(lines).toHaveLength(0);
    });

    it.each(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHENTICATED'])(
      'passes %s through without the stack trace',
      (code) => {
        const { format } = formatterWithLog();
        const error = new GraphQLError('a known problem', { extensions: { code } });
        const result = format(formattedFor(error, code), error);
        expect(result.extensions?.code).toBe(code);
        expect(result.message).toBe('a known problem');
        expect(result.extensions?.stacktrace).toBeUndefined();
      },
    );

    it("turns type-graphql's AuthorizationError into FORBIDDEN", () => {
      const { format } = formatterWithLog();
      const error = asResolverError(new AuthorizationError());
      const result = format(formattedFor(error, 'UNAUTHORIZED'), error);
      expect(result.extensions).toEqual({ code: 'FORBIDDEN' });
      expect(result.path).toEqual(PATH);
    });

    it("keeps type-graphql's AuthenticationError as UNAUTHENTICATED", () => {
      const { format } = formatterWithLog();
      const error = asResolverError(new AuthenticationError());
      const result = format(formattedFor(error, 'UNAUTHENTICATED'), error);
      expect(result.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.extensions?.stacktrace).toBeUndefined();
    });

    it("turns type-graphql's ArgumentValidationError into BAD_USER_INPUT with fields", () => {
      const { format } = formatterWithLog();
      const search = Object.assign(new ValidationError(), {
        property: 'search',
        constraints: { maxLength: 'search must be shorter than or equal to 100 characters' },
        children: [],
      });
      const filter = Object.assign(new ValidationError(), {
        property: 'filter',
        children: [search],
      });
      const after = Object.assign(new ValidationError(), {
        property: 'after',
        constraints: { maxLength: 'after must be shorter than or equal to 64 characters' },
        children: [],
      });
      const error = asResolverError(new ArgumentValidationError([filter, after]));
      const result = format(formattedFor(error, 'BAD_USER_INPUT'), error);
      expect(result.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.extensions?.fields).toEqual([
        {
          field: 'filter.search',
          message: 'search must be shorter than or equal to 100 characters',
        },
        { field: 'after', message: 'after must be shorter than or equal to 64 characters' },
      ]);
      expect(result.extensions?.validationErrors).toBeUndefined();
      expect(result.extensions?.stacktrace).toBeUndefined();
    });
  });
});
