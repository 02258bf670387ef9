import { Placeholder } from '../../pages/Placeholder';

// Replaced by the feature's real screen.
export function CancelBookingPage() {
  return <Placeholder title="nav.home" />;
}
