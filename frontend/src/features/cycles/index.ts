// The public entry of the cycles feature (test cycles and their execution): what app/ may use.
export { CyclePage } from './CyclePage';
export { CyclesPage } from './CyclesPage';
export { ExecutionPage } from './execution/ExecutionPage';
