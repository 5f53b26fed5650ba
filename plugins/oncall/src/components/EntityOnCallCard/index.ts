export {
  EntityOnCallCard,
  type EntityOnCallCardProps,
} from './EntityOnCallCard';
