/** The one error type. Services throw it; the app maps its code to an HTTP status. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'LOCKED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'POW_REQUIRED'
  | 'TOO_MANY_REQUESTS';

export const STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  DUPLICATE: 409,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  POW_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
};

export interface FieldError {
  field: string;
  message: string;
}

/** What a throttled answer adds: when to try again (Retry-After) and the work to bring. */
export interface ErrorDetails {
  retryAfterSeconds?: number;
  challenge?: { salt: string; difficulty: number };
  /** The records a likely duplicate may repeat (409 `DUPLICATE`), for the page to link them. */
  candidates?: readonly object[];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权查看`);
export const forbidden = (message = '没有执行此操作的权限') => new AppError('FORBIDDEN', message);
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', message, [{ field, message }]);
