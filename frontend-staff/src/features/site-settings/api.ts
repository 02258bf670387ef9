// This feature's reads and writes: one hook per endpoint, keyed by method, path and
// params ($api); each write invalidates (or, with the server's answer, sets) what it changes.
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { $api, getKey, useInvalidate } from '../../api/query';
import type { components } from '../../api/schema';

export type SettingsView = components['schemas']['SettingsView'];
export type SettingsPatch = components['schemas']['SettingsPatch'];
export type NoticeView = components['schemas']['NoticeView'];
export type NoticeKind = components['schemas']['NoticeKindName'];
export type MailTemplates = components['schemas']['MailTemplates'];
export type MailTemplateView = components['schemas']['MailTemplateView'];
export type MailPreview = components['schemas']['MailPreview'];

const SETTINGS = getKey('/api/v1/admin/settings');
const MAIL = getKey('/api/v1/admin/settings/mail-templates');
const noticesInit = (kind: NoticeKind) => ({ params: { query: { kind } } });

export function useSettings() {
  return $api.useQuery('get', '/api/v1/admin/settings', undefined, { staleTime: 0 });
}

/** PATCH the settings; the answer becomes the cached settings. */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return $api.useMutation('patch', '/api/v1/admin/settings', {
    onSuccess: (saved) => queryClient.setQueryData(SETTINGS, saved),
  });
}

/** The cached settings with the logo there or not, as the last upload or removal left it. */
function useHasLogo() {
  const queryClient = useQueryClient();
  return (hasLogo: boolean) =>
    queryClient.setQueryData<SettingsView>(SETTINGS, (s) => (s ? { ...s, has_logo: hasLogo } : s));
}

/** Uploads the image itself, with its own type. */
export function useUploadLogo() {
  const hasLogo = useHasLogo();
  const mutation = $api.useMutation('put', '/api/v1/admin/settings/logo', { onSuccess: () => hasLogo(true) });
  return {
    ...mutation,
    send: (file: File) =>
      mutation.mutateAsync({
        body: file as unknown as number[],
        bodySerializer: () => file,
        headers: { 'Content-Type': file.type },
      }),
  };
}

/** Removes the logo; one already gone (404) is gone all the same. */
export function useRemoveLogo() {
  const hasLogo = useHasLogo();
  return $api.useMutation('delete', '/api/v1/admin/settings/logo', {
    onSuccess: () => hasLogo(false),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404) hasLogo(false);
    },
  });
}

export function useNotices(kind: NoticeKind) {
  return $api.useQuery('get', '/api/v1/admin/notices', noticesInit(kind), { staleTime: 0 });
}

export function useCreateNotice(kind: NoticeKind) {
  const invalidate = useInvalidate();
  return $api.useMutation('post', '/api/v1/admin/notices', {
    onSuccess: () => invalidate(getKey('/api/v1/admin/notices', noticesInit(kind))),
  });
}

export function useUpdateNotice(kind: NoticeKind) {
  const invalidate = useInvalidate();
  return $api.useMutation('patch', '/api/v1/admin/notices/{id}', {
    onSuccess: () => invalidate(getKey('/api/v1/admin/notices', noticesInit(kind))),
  });
}

export function useDeleteNotice(kind: NoticeKind) {
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/admin/notices/{id}', {
    onSuccess: () => invalidate(getKey('/api/v1/admin/notices', noticesInit(kind))),
  });
}

/**
 * A new order of one kind's entries. `show` puts it on screen at once, before it is
 * saved; should the save fail, the list is read again (in the background).
 */
export function useReorderNotices(kind: NoticeKind) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const key = getKey('/api/v1/admin/notices', noticesInit(kind));
  const mutation = $api.useMutation('put', '/api/v1/admin/notices/order', { onError: () => void invalidate(key) });
  return { ...mutation, show: (list: NoticeView[]) => queryClient.setQueryData(key, list) };
}

export function useMailTemplates() {
  return $api.useQuery('get', '/api/v1/admin/settings/mail-templates', undefined, { staleTime: 0 });
}

export function usePreviewMail() {
  return $api.useMutation('post', '/api/v1/admin/settings/mail-templates/{kind}/preview');
}

export function useSaveMailTemplate() {
  const invalidate = useInvalidate();
  return $api.useMutation('put', '/api/v1/admin/settings/mail-templates/{kind}', { onSuccess: () => invalidate(MAIL) });
}

export function useResetMailTemplate() {
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/admin/settings/mail-templates/{kind}', {
    onSuccess: () => invalidate(MAIL),
  });
}

export function useSendTestMail() {
  return $api.useMutation('post', '/api/v1/admin/settings/mail-templates/{kind}/test');
}
