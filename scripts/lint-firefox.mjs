// `npm run lint:firefox`: Mozilla's addons-linter on the Firefox build. Fails on any error, and
// on any warning not listed below, so a new eval, remote script or permission problem shows.
import addonsLinter from 'addons-linter';

const BUILD = process.argv[2] ?? '.output/firefox-mv2';

/**
 * Warnings that stay, and why. React DOM assigns innerHTML only for `dangerouslySetInnerHTML`
 * (forbidden in this project by eslint) and to create SVG nodes in old browsers; it never
 * receives GitLab text that way.
 */
const ACCEPTED = [{ code: 'UNSAFE_VAR_ASSIGNMENT', message: /innerHTML/ }];

const linter = addonsLinter.createInstance({
  config: {
    _: [BUILD],
    logLevel: 'fatal',
    stack: false,
    pretty: false,
    warningsAsErrors: false,
    metadata: false,
    output: 'none',
    boring: false,
    selfHosted: false,
    shouldScanFile: () => true,
  },
  runAsBinary: false,
});

const result = await linter.run();
const accepted = (warning) =>
  ACCEPTED.some((rule) => rule.code === warning.code && rule.message.test(warning.message));
const failures = [...result.errors, ...result.warnings.filter((warning) => !accepted(warning))];
const where = (entry) => (entry.file ? ` (${entry.file}:${entry.line ?? '?'})` : '');
for (const entry of failures) console.error(`${entry.code}: ${entry.message}${where(entry)}`);
console.log(
  `addons-linter on ${BUILD}: ${result.errors.length} errors, ${result.warnings.length} warnings` +
    ` (${result.warnings.length - (failures.length - result.errors.length)} accepted: React DOM's innerHTML), ${result.notices.length} notices`,
);
process.exit(failures.length ? 1 : 0);
