import {
  Incident,
  IncidentDeployment,
  IncidentDetail,
  IncidentSeverity,
  IncidentStatus,
  IncidentUrgency,
} from '@opsdeck/plugin-oncall-common';

/** A new incident as the store writes it. */
export interface NewIncident {
  entityRef: string;
  title: string;
  description?: string;
  severity: IncidentSeverity;
  urgency: IncidentUrgency;
  assigneeRef?: string;
  deploymentId?: string;
  deployment?: IncidentDeployment;
  createdBy: string;
  createdAt: Date;
}

/** Filter of {@link IncidentStore.listIncidents}. */
export interface IncidentFilter {
  entityRefs?: string[];
  statuses?: IncidentStatus[];
  limit: number;
}

/** Storage of the built-in provider's incidents and their timelines. */
export interface IncidentStore {
  /** Creates an incident and its first timeline entry, atomically. */
  createIncident(incident: NewIncident): Promise<IncidentDetail>;
  listIncidents(filter: IncidentFilter): Promise<Incident[]>;
  /** The distinct entities that have incidents (in the given statuses). */
  listIncidentEntityRefs(filter: {
    statuses?: IncidentStatus[];
  }): Promise<string[]>;
  getIncident(id: string): Promise<IncidentDetail | undefined>;
  /**
   * Moves an incident to a new status and records it in the timeline, in one
   * transaction. Returns undefined when the incident does not exist; throws
   * a ConflictError when the transition is not allowed.
   */
  changeStatus(options: {
    id: string;
    status: Exclude<IncidentStatus, 'triggered'>;
    author: string;
    at: Date;
    text?: string;
  }): Promise<IncidentDetail | undefined>;
  /** Adds a note; returns undefined when the incident does not exist. */
  addNote(options: {
    id: string;
    author: string;
    at: Date;
    text: string;
  }): Promise<IncidentDetail | undefined>;
}
