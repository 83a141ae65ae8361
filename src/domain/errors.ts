/** Named errors that carry their HTTP status; the HTTP layer maps them in one place. */
export class ForgeError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends ForgeError {
  constructor(message: string) {
    super(message, 400, 'invalid_request');
  }
}

export class NotFoundError extends ForgeError {
  constructor(message: string) {
    super(message, 404, 'not_found');
  }
}

export class ConflictError extends ForgeError {
  constructor(message: string) {
    super(message, 409, 'conflict');
  }
}

/** The task can't run as configured (runtime × profile mismatch, runtime without credentials). */
export class UnprocessableError extends ForgeError {
  constructor(message: string) {
    super(message, 422, 'unprocessable');
  }
}

export class PayloadTooLargeError extends ForgeError {
  constructor(message: string) {
    super(message, 413, 'payload_too_large');
  }
}

export class UnsupportedMediaTypeError extends ForgeError {
  constructor(message: string) {
    super(message, 415, 'unsupported_media_type');
  }
}

export class ForbiddenError extends ForgeError {
  constructor(message: string) {
    super(message, 403, 'forbidden');
  }
}

export class UnauthorizedError extends ForgeError {
  constructor(message: string) {
    super(message, 401, 'unauthorized');
  }
}
