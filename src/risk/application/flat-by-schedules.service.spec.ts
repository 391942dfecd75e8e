import { aFirm, FakeProgramCatalog } from '../../../test/risk/support/risk.fakes';
import { FlatBySchedulesService } from './flat-by-schedules.service';

const NY = 'America/New_York';
const withFlatBy = (code: string, time: string, timeZone: string, status = 'active') => ({
  ...aFirm(code, status),
  flatBy: { time, timeZone, earlyClose: 'exchange_close' as const },
});

describe('FlatBySchedulesService', () => {
  const catalog = new FakeProgramCatalog(
    [
      withFlatBy('APEX', '16:59', NY),
      withFlatBy('TOPSTEP', '15:10', 'America/Chicago'),
      withFlatBy('GONE', '12:00', NY, 'inactive'),
      { ...aFirm('FTMO'), tradingDay: { reset: '00:00', timeZone: 'Europe/Prague' } },
    ],
    [],
  );
  const schedules = new FlatBySchedulesService(catalog, { rolloverMinute: 17 * 60, zone: NY });

  it('lists the active firms past their flat-by whose session has not reopened', async () => {
    expect(await schedules.due(new Date('2026-11-02T21:09:59Z'))).toEqual([]); // 16:09:59 EST
    expect(await schedules.due(new Date('2026-11-02T21:10:00Z'))).toEqual([
      {
        firmCode: 'TOPSTEP',
        tradingDay: '2026-11-02',
        flatByAt: new Date('2026-11-02T21:10:00Z'),
        reopensAt: new Date('2026-11-02T22:00:00Z'),
        flatBy: '15:10 America/Chicago',
      },
    ]);
    const at1659 = await schedules.due(new Date('2026-11-02T21:59:00Z'));
    expect(at1659.map((d) => d.firmCode)).toEqual(['APEX', 'TOPSTEP']);
    expect(await schedules.due(new Date('2026-11-02T22:00:00Z'))).toEqual([]); // the next session
  });
});
