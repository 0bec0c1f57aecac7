import type { NextFunction, Request, Response } from 'express';
import type { OperationLimits } from '../config';

/**
 * Refuses a GraphQL document over the size limit before it is parsed (parsing is where the cost
 * of a huge document would be paid). POST bodies are parsed JSON by now; GET carries `query`.
 */
export function documentSizeLimit(limits: OperationLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : req.query.query;
    if (typeof query === 'string' && Buffer.byteLength(query) > limits.maxDocumentBytes) {
      res.status(413).json({
        errors: [
          {
            message: `The document is larger than ${limits.maxDocumentBytes} bytes`,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
      return;
    }
    next();
  };
}
