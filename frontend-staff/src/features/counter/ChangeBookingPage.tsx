import { Placeholder } from '../../pages/Placeholder';

// Replaced by the feature's real screen.
export function ChangeBookingPage() {
  return <Placeholder title="nav.home" />;
}
