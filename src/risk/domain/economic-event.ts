/** One economic calendar event as the news rule sees it (the calendar context keeps the table). */
export interface EconomicEvent {
  /** When it is released (an instant; calendars publish it in UTC or with a zone). */
  at: Date;
  title: string;
  /** Upper-case currency it concerns (USD); null when the calendar does not say. */
  currency: string | null;
  impact: EventImpact;
}

export type EventImpact = 'high' | 'medium' | 'low';
