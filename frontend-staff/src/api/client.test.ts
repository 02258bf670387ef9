import { describe, expect, it } from 'vitest';
import { ApiError } from './client';

describe('ApiError', () => {
  it('reads a problem+json body with its field errors', () => {
    const error = ApiError.fromBody(422, {
      type: 'urn:madoguchi:problem:validation.failed',
      title: 'The input has errors',
      status: 422,
      code: 'validation.failed',
      errors: [
        { field: 'password', code: 'password.too_short', message: 'too short' },
        { field: 'password', code: 'password.too_few_classes', message: 'few classes' },
        { field: 'name', code: 'validation.required', message: 'required' },
      ],
    });
    expect(error.code).toBe('validation.failed');
    expect(error.fieldErrors('password').map((e) => e.code)).toEqual(['password.too_short', 'password.too_few_classes']);
  });

  it('turns a body that is not a problem into a generic error of that status', () => {
    expect(ApiError.fromBody(502, '<html>Bad Gateway</html>').code).toBe('internal');
    expect(ApiError.fromBody(404, null).code).toBe('generic');
  });
});
