// The bundled demo: a recorded incident seeded into an empty store on first start.
export { seedDemo, shiftTimes, demoPaths, type SeedOptions } from './seed.ts';
