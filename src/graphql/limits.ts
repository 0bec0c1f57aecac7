import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { GraphQLArmorCallbackConfiguration } from '@escape.tech/graphql-armor-types';
import type { OperationLimits } from '../config';

/**
 * graphql-armor rules throw by default, which validate() does not expect (it would surface as an
 * internal error); report the rejection as an ordinary validation error instead.
 */
const REPORT: GraphQLArmorCallbackConfiguration = {
  onReject: [(context, error) => context?.reportError(error)],
  propagateOnRejection: false,
};

/** The validation rules that bound an operation (graphql-armor's, as configured). */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...REPORT,
    }),
    maxAliasesRule({ n: limits.maxAliases, ...REPORT }),
    maxDirectivesRule({ n: limits.maxDirectives, ...REPORT }),
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, ...REPORT }),
  ];
  if (!limits.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

export function documentTooLarge(limits: OperationLimits): GraphQLError {
  return new GraphQLError(`The document is larger than ${limits.maxDocumentBytes} bytes`, {
    extensions: { code: 'BAD_REQUEST', http: { status: 413 } },
  });
}

/**
 * Parses and validates a document under the limits, for transports that do not go through
 * Apollo's pipeline (graphql-ws). Returns the document, or the errors to report.
 */
export function checkDocument(
  schema: GraphQLSchema,
  query: string,
  limits: OperationLimits,
): DocumentNode | readonly GraphQLError[] {
  if (Buffer.byteLength(query) > limits.maxDocumentBytes) return [documentTooLarge(limits)];
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Syntax error';
    return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitRules(limits)]);
  return errors.length > 0 ? errors : document;
}

/** graphql-js appends "Did you mean …?" to some errors; production mode leaves it out. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ Did you mean .+\?$/, '');
}
