import { Incident } from '@opsdeck/plugin-oncall-common';

/** Tells people about a new incident. */
export interface IncidentNotifier {
  /** Notifies the given Users; throws when the notification was not sent. */
  notifyTriggered(incident: Incident, userRefs: string[]): Promise<void>;
}
