// This feature's reads and writes, through the shared API client.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type SettingsView = components['schemas']['SettingsView'];
export type SettingsPatch = components['schemas']['SettingsPatch'];
export type NoticeView = components['schemas']['NoticeView'];
export type NoticeKind = components['schemas']['NoticeKindName'];
export type MailTemplates = components['schemas']['MailTemplates'];
export type MailTemplateView = components['schemas']['MailTemplateView'];
export type MailPreview = components['schemas']['MailPreview'];

export const keys = {
  settings: ['site-settings', 'settings'] as const,
  notices: (kind: NoticeKind) => ['site-settings', 'notices', kind] as const,
  mail: ['site-settings', 'mail-templates'] as const,
};

export function useSettings() {
  return useQuery({ queryKey: keys.settings, queryFn: () => call(api.GET('/api/v1/admin/settings')), staleTime: 0 });
}

/** PATCH the settings; the answer becomes the cached settings. */
export function useSaveSettings() {
  const client = useQueryClient();
  return async (patch: SettingsPatch): Promise<SettingsView> => {
    const saved = await call(api.PATCH('/api/v1/admin/settings', { body: patch }));
    client.setQueryData(keys.settings, saved);
    return saved;
  };
}

export function useNotices(kind: NoticeKind) {
  return useQuery({
    queryKey: keys.notices(kind),
    queryFn: () => call(api.GET('/api/v1/admin/notices', { params: { query: { kind } } })),
    staleTime: 0,
  });
}

export function useMailTemplates() {
  return useQuery({
    queryKey: keys.mail,
    queryFn: () => call(api.GET('/api/v1/admin/settings/mail-templates')),
    staleTime: 0,
  });
}

export async function uploadLogo(file: File): Promise<void> {
  await call(
    api.PUT('/api/v1/admin/settings/logo', {
      // The body is the image itself, with its own type.
      body: file as unknown as number[],
      bodySerializer: () => file,
      headers: { 'Content-Type': file.type },
    }),
  );
}

export async function removeLogo(): Promise<void> {
  await call(api.DELETE('/api/v1/admin/settings/logo'));
}
