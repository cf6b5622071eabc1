export { selectionModel } from './selectionModel.js';
export type { SelectionModelOptions, SelectionModelResult, SelectionCoefficient, DeltaEstimate, SelectionMethod } from './selectionModel.js';
export { SELECTION_TYPES, SELECTION_ALTERNATIVES, isSelectionType, isSelectionAlternative } from './vocabulary.js';
export type { SelectionType, SelectionAlternative } from './vocabulary.js';
export type { IntervalCount } from './steps.js';
export { selectionWeight } from './selectionWeight.js';
