/** The mode, on every page: DRY RUN (nothing is sent) or LIVE. */
export function ModeBanner({ dryRun }: { dryRun?: boolean | null }) {
  if (dryRun === undefined || dryRun === null)
    return (
      <div className="mode unknown" role="status">
        Mode: checking…
      </div>
    );
  return dryRun ? (
    <div className="mode dry" role="status">
      DRY RUN — every decision is made and recorded, no order leaves the machine
    </div>
  ) : (
    <div className="mode live" role="status">
      LIVE — orders are sent to the platforms
    </div>
  );
}
