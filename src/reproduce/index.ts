export {
  CIK_DATASETS,
  CLAIM_VERDICTS,
  analyseCikCalibrated,
  summariseCikCalibrated,
  summariseVerifiedTrials,
  summariseClaimCheck,
  reproduceCik,
  type CikOptions,
  type CikSyntheticAnalysis,
  type CikSyntheticSummary,
  type RatioFigure,
  type VerifiedTrial,
  type VerifiedOutcome,
  type VerifiedTrialsSummary,
  type ClaimVerdict,
  type CheckedClaim,
  type ClaimCheckOptions,
  type ClaimCheckSummary,
  type CikReproduction,
} from './cik.js';
export { publishedBesideClaim, type PublishedBesideClaim, type PublishedPooledEstimate, type EffectTypeSummary } from './publishedBesideClaim.js';
export { cikForestSpec, cikFunnelSpec } from './plots.js';
