/**
 * How `work` ended within `ms`: `done`, the error it failed with, or `deadline` when it was still running
 * (it is left to run; only the wait ends). The timer is cleared either way.
 */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<'done' | 'deadline' | Error> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const), deadline]);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  } finally {
    clearTimeout(timer);
  }
}
