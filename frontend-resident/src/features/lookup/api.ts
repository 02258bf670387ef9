// Finding a booking by its reception number and password, then changing or cancelling
// it with the token the lookup gave. A change or a cancellation frees places, so the
// availability is fetched again.
import { $api, getKey, useInvalidate } from '../../api/query';

export function useLookup() {
  return $api.useMutation('post', '/api/v1/public/{tenant}/bookings/lookup');
}

export function useChangeBooking() {
  const invalidate = useInvalidate();
  return $api.useMutation('patch', '/api/v1/public/{tenant}/bookings/{reception_number}', {
    onSuccess: () => invalidate(getKey('/api/v1/public/{tenant}/availability')),
  });
}

export function useCancelBooking() {
  const invalidate = useInvalidate();
  return $api.useMutation('delete', '/api/v1/public/{tenant}/bookings/{reception_number}', {
    onSuccess: () => invalidate(getKey('/api/v1/public/{tenant}/availability')),
  });
}
