import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigError } from '../../src/platform/config/config.error';
import { PlatformModule } from '../../src/platform/platform.module';
import {
  FirmRecord,
  ProgramCatalog,
  ProgramRecord,
} from '../../src/registry/application/ports/program-catalog.port';
import { RegistryModule } from '../../src/registry/registry.module';
import { PositionSizer } from '../../src/sizing/application/ports/position-sizer.port';
import { SizingModule } from '../../src/sizing/sizing.module';

class EmptyProgramCatalog extends ProgramCatalog {
  async findFirmByCode(): Promise<FirmRecord | null> {
    return null;
  }
  async listActiveFirms(): Promise<FirmRecord[]> {
    return [];
  }
  async findProgram(): Promise<ProgramRecord | null> {
    return null;
  }
  async findPrograms(): Promise<Map<number, ProgramRecord>> {
    return new Map();
  }
  async listPrograms(): Promise<ProgramRecord[]> {
    return [];
  }
}

@Module({
  providers: [{ provide: ProgramCatalog, useClass: EmptyProgramCatalog }],
  exports: [ProgramCatalog],
})
class EmptyRegistryModule {}

/** SizingModule's start-up: env rules and SIZING_MAX_RISK_PERCENT are validated before it serves anything. */
async function startSizing(env: Record<string, string>) {
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [PlatformModule, SizingModule] })
      .overrideModule(RegistryModule)
      .useModule(EmptyRegistryModule)
      .compile();
    return await moduleRef.init();
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
}

describe('sizing configuration at start-up (e2e)', () => {
  it.each([
    [{ APEX_4_MAX_CONTRACTS: 'five' }, 'APEX_4_MAX_CONTRACTS must be an integer, got "five"'],
    [{ FTMO_1_POINT_VALUE: '0' }, 'FTMO_1_POINT_VALUE must be greater than 0, got 0'],
    [
      { TOPSTEP_7_MAX_RISK_PERCENT: '1.5' },
      'TOPSTEP_7_MAX_RISK_PERCENT must be a fraction of the account of at most 1',
    ],
    [{ SIZING_MAX_RISK_PERCENT: '5%' }, /SIZING_MAX_RISK_PERCENT \("5%"\): .*must be a number/],
  ])('refuses to start with %j, naming the variable', async (env, message: string | RegExp) => {
    const attempt = startSizing(env);
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('starts with valid rules and applies them', async () => {
    const app = await startSizing({ APEX_4_MAX_CONTRACTS: '2', SIZING_MAX_RISK_PERCENT: '0.02' });
    const [capped, overCap] = await app.get(PositionSizer).size([
      {
        firmCode: 'APEX',
        programId: 4,
        symbol: 'MNQ',
        entryPrice: 10,
        stopLoss: 0,
        riskPercent: null,
        quantity: 3,
        accountProfit: null,
      },
      {
        firmCode: 'APEX',
        programId: 5,
        symbol: 'MNQ',
        entryPrice: 10,
        stopLoss: 0,
        riskPercent: 0.03,
        quantity: 1,
        accountProfit: null,
      },
    ]);
    expect([capped.rule, capped.reason]).toEqual([
      'MAX_CONTRACTS',
      'A quantity of 3 contracts is above the maximum of 2 contracts for APEX program 4 (APEX_4_MAX_CONTRACTS)',
    ]);
    expect(overCap.reason).toContain(
      'above the 2% maximum for APEX program 5 (SIZING_MAX_RISK_PERCENT safety cap)',
    );
    await app.close();
  });
});
