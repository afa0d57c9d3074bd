// The bundled demo: a recorded incident seeded into an empty store on first start.
export { seedDemo, shiftTimes, demoPaths, type SeedOptions } from './seed.ts';
export { DEMO_SUPPORT_QUESTION, seedDemoSupport } from './seed-support.ts';
