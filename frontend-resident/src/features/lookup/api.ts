// Finding a booking by its reception number and password, reading it again with the token
// the lookup gave (after a reload, when only the token is left), then changing or
// cancelling it with that token. A change or a cancellation frees places, so the
// availability is fetched again.
import type { components } from '../../api/client';
import { $api, getKey, retryNetwork, useInvalidate } from '../../api/query';

type BookingDetails = components['schemas']['BookingDetailsView'];

export function useLookup() {
  return $api.useMutation('post', '/api/v1/public/{tenant}/bookings/lookup');
}

/** The booking `number` as the look-up `token` shows it; asks nothing without a token. */
export function useBookingByToken(tenant: string, number: string, token: string | null) {
  return $api.useQuery(
    'get',
    '/api/v1/public/{tenant}/bookings/{reception_number}',
    {
      params: { path: { tenant, reception_number: number } },
      headers: { Authorization: `Bearer ${token ?? ''}` },
    },
    {
      enabled: token !== null,
      retry: retryNetwork,
      // openapi.json gives this operation the same operationId (get_booking) as the staff's
      // GET /bookings/{reception_number}, so the generated types answer it with the staff's
      // StaffBookingDetails; the server answers a BookingDetailsView. Typed here until the
      // ids differ.
      select: (data) => data as unknown as BookingDetails,
    },
  );
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
