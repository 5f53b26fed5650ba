export { EntitySloCard } from './EntitySloCard';
