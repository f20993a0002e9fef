export { PrintButton, PrintHeader } from './print-header';
