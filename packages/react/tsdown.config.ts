import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/drill-down-targets.ts'],
  format: 'esm',
  dts: true,
  clean: true,
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
});
