export { deploymentsPlugin as default } from './plugin';
