import type { ReplayReport } from './replay-simulator.port';

/** A run as listed: what was asked and how many programs ended how. */
export interface RunSummary {
  id: number;
  createdAt: Date;
  createdBy: string;
  format: string;
  trades: number;
  programs: number;
  passed: number;
  failed: number;
  notYet: number;
  parameters: Record<string, unknown>;
}

export interface StoredRun extends RunSummary {
  report: ReplayReport;
}

/** The simulator's runs table. */
export abstract class SimulatorRuns {
  abstract insert(run: Omit<StoredRun, 'id' | 'createdAt'>): Promise<RunSummary>;
  abstract find(id: number): Promise<StoredRun | null>;
  /** Newest first. */
  abstract list(limit: number, offset: number): Promise<{ total: number; items: RunSummary[] }>;
}
