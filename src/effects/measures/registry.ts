// The registry of effect-size measures computed from escalc's arguments (one measure per file).
// Its order is the order of `metasynth measures` within a family.
import { ABT } from './ABT.js';
import { AHW } from './AHW.js';
import { ARAW } from './ARAW.js';
import { AS } from './AS.js';
import { CVLN } from './CVLN.js';
import { CVR } from './CVR.js';
import { CVRC } from './CVRC.js';
import { D2ORL } from './D2ORL.js';
import { D2ORN } from './D2ORN.js';
import { IR } from './IR.js';
import { IRD } from './IRD.js';
import { IRFT } from './IRFT.js';
import { IRLN } from './IRLN.js';
import { IRR } from './IRR.js';
import { IRS } from './IRS.js';
import { IRSD } from './IRSD.js';
import { MC } from './MC.js';
import { MN } from './MN.js';
import { MNLN } from './MNLN.js';
import { MPOR } from './MPOR.js';
import { MPORC } from './MPORC.js';
import { MPPETO } from './MPPETO.js';
import { MPRD } from './MPRD.js';
import { MPRR } from './MPRR.js';
import { OR2DL } from './OR2DL.js';
import { OR2DN } from './OR2DN.js';
import { PAS } from './PAS.js';
import { PBIT } from './PBIT.js';
import { PCOR } from './PCOR.js';
import { PFT } from './PFT.js';
import { PHI } from './PHI.js';
import { PLN } from './PLN.js';
import { RBIS } from './RBIS.js';
import { ROMC } from './ROMC.js';
import { RPB } from './RPB.js';
import { RTET } from './RTET.js';
import { SDLN } from './SDLN.js';
import { SMCC } from './SMCC.js';
import { SMCR } from './SMCR.js';
import { SMCRH } from './SMCRH.js';
import { SMD1 } from './SMD1.js';
import { SMD1H } from './SMD1H.js';
import { SMDH } from './SMDH.js';
import { SMN } from './SMN.js';
import { SPCOR } from './SPCOR.js';
import { UCOR } from './UCOR.js';
import { VR } from './VR.js';
import { VRC } from './VRC.js';
import { YUQ } from './YUQ.js';
import { YUY } from './YUY.js';
import { ZPCOR } from './ZPCOR.js';
import type { MeasureDefinition } from './definition.js';
import { KIND_MEASURE_DEFINITIONS } from './kindMeasures.js';

/** Every registry measure (metafor 3.8-1 escalc), computed by its own definition. */
export const REGISTRY_MEASURES: readonly MeasureDefinition[] = [
  ABT,
  AHW,
  ARAW,
  AS,
  CVLN,
  CVR,
  CVRC,
  D2ORL,
  D2ORN,
  IR,
  IRD,
  IRFT,
  IRLN,
  IRR,
  IRS,
  IRSD,
  MC,
  MN,
  MNLN,
  MPOR,
  MPORC,
  MPPETO,
  MPRD,
  MPRR,
  OR2DL,
  OR2DN,
  PAS,
  PBIT,
  PCOR,
  PFT,
  PHI,
  PLN,
  RBIS,
  ROMC,
  RPB,
  RTET,
  SDLN,
  SMCC,
  SMCR,
  SMCRH,
  SMD1,
  SMD1H,
  SMDH,
  SMN,
  SPCOR,
  UCOR,
  VR,
  VRC,
  YUQ,
  YUY,
  ZPCOR,
];

const BY_NAME: ReadonlyMap<string, MeasureDefinition> = new Map(REGISTRY_MEASURES.map((m) => [m.name, m]));
const ANY_BY_NAME: ReadonlyMap<string, MeasureDefinition> = new Map([...KIND_MEASURE_DEFINITIONS, ...REGISTRY_MEASURES].map((m) => [m.name, m]));

/**
 * The definition of any measure that has one: the registry measures and the kind measures that
 * conversions may need (every measure but HR).
 * @example measureDefinition('SMD')?.family // 'two-group continuous'
 */
export function measureDefinition(name: string): MeasureDefinition | undefined {
  return ANY_BY_NAME.get(name);
}

/**
 * The registry definition of a measure, or undefined for the measures computed by record kind
 * (GEN, HR, OR, RR, RD, PETO, MD, SMD, ROM, ZCOR, COR, PR, PLO).
 * @example registryMeasure('SMDH')?.columns // ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']
 */
export function registryMeasure(name: string): MeasureDefinition | undefined {
  return BY_NAME.get(name);
}
