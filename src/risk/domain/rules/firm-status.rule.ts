import { deny, RuleOutcome } from '../risk-denial';

export interface FirmFacts {
  code: string;
  status: string;
}

/** Rule 1: the firm is in the registry, active there, and switched on with `{FIRM}_ENABLED`. */
export function checkFirmStatus(firmCode: string, firm: FirmFacts | null, enabled: boolean): RuleOutcome {
  if (firm === null) {
    return deny('FIRM_NOT_FOUND', `Firm ${firmCode} is not in the registry`, { firm_code: firmCode });
  }
  if (firm.status !== 'active') {
    return deny('FIRM_INACTIVE', `Firm ${firmCode} is ${firm.status} in the registry`, {
      firm_code: firmCode,
      status: firm.status,
    });
  }
  if (!enabled) {
    const variable = `${firmCode.toUpperCase()}_ENABLED`;
    return deny('FIRM_DISABLED', `Firm ${firmCode} is not enabled (set ${variable}=true)`, {
      firm_code: firmCode,
      variable,
    });
  }
  return null;
}
