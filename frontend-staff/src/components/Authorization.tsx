import type { ReactNode } from 'react';
import type { Role } from '../api/client';
import { canAccess } from '../lib/roles';
import { Forbidden } from './Forbidden';

/** Shows its children only to users holding one of `roles`; others see the forbidden page. */
export function Authorization({
  userRoles,
  roles,
  children,
}: {
  userRoles: readonly Role[];
  roles: readonly Role[];
  children: ReactNode;
}) {
  return canAccess(userRoles, roles) ? <>{children}</> : <Forbidden />;
}
