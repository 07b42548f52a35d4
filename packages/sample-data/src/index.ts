export { generateDataset, generateDatasetChunks, SAMPLE_HEALTH_MODEL, SAMPLE_MEASURES, SERVICE_HEALTH_MODEL, SNAPSHOT_HEALTH_MODEL } from './generate.js';
export type { GenerateOptions, GeneratedChunk } from './generate.js';
export { createRandom } from './random.js';
export type { Random } from './random.js';
