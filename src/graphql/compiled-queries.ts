import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Enough for every operation a client app sends; one-off documents get evicted. */
const LIMIT = 200;

/**
 * graphql-jit compilations of validated documents, least recently used evicted. Keyed by the
 * document object, which Apollo's document store hands out again for the same query text. Only
 * code is cached here, never data. `null` remembers a document graphql-jit cannot compile.
 */
export class CompiledQueries {
  private readonly byDocument = new Map<DocumentNode, Map<string, CompiledQuery | null>>();

  constructor(private readonly schema: GraphQLSchema) {}

  get(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    let operations = this.byDocument.get(document);
    if (operations) {
      // Move to the end: Map iteration order is insertion order, the front is evicted first.
      this.byDocument.delete(document);
    } else {
      operations = new Map();
      if (this.byDocument.size >= LIMIT) {
        this.byDocument.delete(this.byDocument.keys().next().value as DocumentNode);
      }
    }
    this.byDocument.set(document, operations);
    const key = operationName ?? '';
    let compiled = operations.get(key);
    if (compiled === undefined) {
      compiled = this.compile(document, operationName);
      operations.set(key, compiled);
    }
    return compiled;
  }

  /** A document graphql-jit refuses, or fails on, is left to graphql-js rather than failed. */
  private compile(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    try {
      const result = compileQuery(this.schema, document, operationName ?? undefined, {
        // The library's recommended skip/include handling for fragments spread more than once.
        useExperimentalPathBasedSkipInclude: true,
      });
      return isCompiledQuery(result) ? result : null;
    } catch {
      return null;
    }
  }
}
