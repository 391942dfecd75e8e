import { api, must } from '../api/client';
import { useApi } from '../api/use-api';

/** The mode, on every page: DRY RUN (nothing is sent) or LIVE, from GET /api/dashboard/system. */
export function ModeBanner() {
  const system = useApi(() => must(api.GET('/api/dashboard/system')), 'system-mode');
  const mode = system.data?.mode;
  if (!mode)
    return (
      <div className="mode unknown" role="status">
        {system.error ? `Mode unknown: ${system.error}` : 'Mode: checking…'}
      </div>
    );
  return mode === 'DRY_RUN' ? (
    <div className="mode dry" role="status">
      DRY RUN — every decision is made and recorded; no order leaves the machine
    </div>
  ) : (
    <div className="mode live" role="status">
      LIVE — orders are sent to the platforms
      {system.data?.router_enabled ? '' : ' (router off in this process)'}
    </div>
  );
}
