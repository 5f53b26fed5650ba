export {
  isValidTimeZone,
  resolveWallClock,
  type LocalTimeResolution,
  type WallClockMs,
} from './localTime';
export * from './rotationSchema';
export * from './rotationMath';
