// The staff users' reads and writes: one hook per endpoint, keyed by method, path and
// params ($api); each write invalidates the list and the user it changed.
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../api/client';
import { $api, getKey, useInvalidate } from '../../api/query';

const LIST = getKey('/api/v1/admin/users');
const ONE = getKey('/api/v1/admin/users/{id}');
const one = (id: string) => getKey('/api/v1/admin/users/{id}', { params: { path: { id } } });

export function useUsers(q: string, role: Role | undefined, page: number, perPage: number) {
  return $api.useQuery(
    'get',
    '/api/v1/admin/users',
    { params: { query: { q: q || undefined, role, page, per_page: perPage } } },
    { placeholderData: keepPreviousData },
  );
}

/** One user, read once for the edit form (which then holds what it shows itself). */
export function useUser(id: string | undefined) {
  return $api.useQuery(
    'get',
    '/api/v1/admin/users/{id}',
    { params: { path: { id: id ?? '' } } },
    { enabled: id !== undefined, staleTime: Infinity, refetchOnWindowFocus: false },
  );
}

export function useCreateUser() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/users', { onSuccess: () => invalidate(LIST) });
}

export function useUpdateUser() {
  const invalidate = useInvalidate();
  return $api.useMutation('patch', '/api/v1/admin/users/{id}', {
    onSuccess: (_, { params }) => invalidate(LIST, one(params.path.id)),
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/users/{id}/unlock', {
    onSuccess: (_, { params }) => invalidate(LIST, one(params.path.id)),
  });
}

/** A new password; the reset also unlocks and counts as a change of the user. */
export function useResetPassword() {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/users/{id}/password', {
    onSuccess: (_, { params }) => invalidate(LIST, one(params.path.id)),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/admin/users/{id}', {
    onSuccess: (_, { params }) => {
      queryClient.removeQueries({ queryKey: one(params.path.id) });
      return invalidate(LIST);
    },
  });
}

/** Checks (dry run) or applies a users CSV, sent as it is: the server detects UTF-8 or Shift_JIS. */
export function useImportUsers() {
  const invalidate = useInvalidate();
  const mutation = $api.useMutation('post', '/api/v1/admin/users/import', {
    onSuccess: (_, { params }) => (params?.query?.dry_run ? undefined : invalidate(LIST, ONE)),
  });
  return {
    ...mutation,
    send: (bytes: Uint8Array, dryRun: boolean) =>
      mutation.mutateAsync({
        params: { query: { dry_run: dryRun } },
        body: bytes as unknown as string,
        bodySerializer: (body) => body,
        headers: { 'Content-Type': 'text/csv' },
      }),
  };
}
