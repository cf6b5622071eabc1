// Every test file runs with the formula module loaded (as the library entry and the CLI load it
// before a formula is used), so that tests importing design.ts directly can build formula designs.
import '../../src/regression/formula/formulaDesign.js';
