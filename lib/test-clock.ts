// The storage key through which end-to-end tests set a test build's clock (lib/background/clock.ts).
// Its own module, free of browser imports, so Node-side test code can import it too.
export const TEST_CLOCK_KEY = 'okrLensTestClock';
