// The signed-in user's own account: changing one's password (the session keeps going).
import { $api } from '../../api/query';

export function useChangePassword() {
  return $api.useMutation('post', '/api/v1/me/password');
}
