const t0 = Date.now();
describe('prof', () => {
  it('phases', async () => {
    const a = Date.now();
    const { startTestApp } = await import('../support/test-app');
    const b = Date.now();
    const t = await startTestApp({ label: 'prof' });
    const c = Date.now();
    await t.close();
    console.log(`import ${b - a} start ${c - b} uptime ${Math.round(performance.now())}`);
  });
});
