import { Placeholder } from '../../pages/Placeholder';

// Replaced by the feature's real screen.
export function BookingsPage() {
  return <Placeholder title="nav.home" />;
}
