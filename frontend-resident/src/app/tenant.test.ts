import { describe, expect, it } from 'vitest';
import { tenantFromPath } from './tenant';

describe('the tenant of a resident URL', () => {
  it('is the first segment after /r/', () => {
    expect(tenantFromPath('/r/demo/')).toBe('demo');
    expect(tenantFromPath('/r/minato/bookings/lookup')).toBe('minato');
    expect(tenantFromPath('/r/Demo')).toBe('demo');
  });

  it('is missing for the assets folder and odd paths', () => {
    expect(tenantFromPath('/r/assets/index.js')).toBeNull();
    expect(tenantFromPath('/r/')).toBeNull();
    expect(tenantFromPath('/staff/')).toBeNull();
    expect(tenantFromPath('/r/%3Cscript%3E/')).toBeNull();
  });
});
