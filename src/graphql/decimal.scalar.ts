import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;

function checked(text: unknown): string {
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) {
    throw new GraphQLError('Decimal must be a number with at most two decimal places', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return text;
}

/**
 * Money amounts (DECIMAL(10,2) columns) travel as strings such as "1299.00" so that no client ever
 * rounds a price through binary floating point. Input accepts the same string or a JSON number;
 * more than two fraction digits is refused rather than silently rounded.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description:
    'An exact decimal amount with at most two fraction digits, serialized as a string, e.g. "1299.00".',
  serialize: (value) => checked(typeof value === 'number' ? value.toFixed(2) : value),
  parseValue: (value) => checked(typeof value === 'number' ? String(value) : value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT) {
      return checked(ast.value);
    }
    throw new GraphQLError('Decimal must be a string or a number', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});
