export { normalCdf, normalQuantile, normalTwoSidedP, normalCritical } from './normal.js';
export { studentTCdf, studentTQuantile, studentTTwoSidedP, studentTCritical } from './studentT.js';
export { chiSquareCdf, chiSquareSurvival, chiSquareQuantile } from './chiSquare.js';
export { fSurvival, fQuantile } from './fisherF.js';
export { quadraticFormCdf, quadraticFormSurvival } from './quadraticForm.js';
