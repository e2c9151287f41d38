// The test build again, into bench-results/, with WXT's bundle analysis as raw data: what the
// benchmark reads to say what the content script is made of. Used by analyze-bundle.ts.
import { defineConfig } from 'wxt';
import base from '../../wxt.config';

export default defineConfig({
  ...base,
  outDir: 'bench-results/analyze-build',
  analysis: {
    enabled: true,
    template: 'raw-data',
    outputFile: 'bench-results/analyze-build/stats.json',
  },
});
