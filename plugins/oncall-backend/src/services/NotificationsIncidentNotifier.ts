import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Incident } from '@opsdeck/plugin-oncall-common';
import { IncidentNotifier } from './IncidentNotifier';

const SEVERITY = {
  critical: 'critical',
  error: 'high',
  warning: 'normal',
  info: 'low',
} as const;

/** Sends incident notifications through Backstage's notifications service. */
export class NotificationsIncidentNotifier implements IncidentNotifier {
  private constructor(private readonly notifications: NotificationService) {}

  static create(
    notifications: NotificationService,
  ): NotificationsIncidentNotifier {
    return new NotificationsIncidentNotifier(notifications);
  }

  async notifyTriggered(incident: Incident, userRefs: string[]): Promise<void> {
    if (userRefs.length === 0) return;
    const { kind, namespace, name } = parseEntityRef(incident.entityRef);
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: userRefs },
      payload: {
        title: `Incident: ${incident.title}`,
        description: `${incident.severity} / ${incident.urgency} urgency on ${incident.entityRef}. You are on call.`,
        link: `/catalog/${namespace}/${kind.toLocaleLowerCase(
          'en-US',
        )}/${name}/incidents?incident=${incident.id}`,
        severity: SEVERITY[incident.severity],
        topic: 'oncall-incident',
        scope: `oncall-incident:${incident.id}`,
      },
    });
  }
}
