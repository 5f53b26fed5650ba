import { useLocation } from 'react-router-dom';

/** Shows the query string of the current location, for tests. */
export function LocationProbe() {
  return <output data-testid="location">{useLocation().search}</output>;
}
