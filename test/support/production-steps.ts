/**
 * The production install, written once in the Dockerfile (RUN lines between the `# >>> production steps` and
 * `# <<< production steps` markers) and once in the README (the sh block after the `production steps` comment).
 * test/e2e/production-steps.test.ts keeps the two the same; .ci/production-smoke.ts runs the Dockerfile's.
 */
export const STEPS_BEGIN = '# >>> production steps';
export const STEPS_END = '# <<< production steps';
export const README_MARK = '<!-- production steps';

/** The shell commands of the RUN instructions between the markers, continuation lines joined. */
export function dockerfileProductionSteps(dockerfile: string): string[] {
  const begin = dockerfile.indexOf(STEPS_BEGIN);
  const end = dockerfile.indexOf(STEPS_END);
  if (begin < 0 || end < begin) throw new Error(`the Dockerfile has no "${STEPS_BEGIN}" … "${STEPS_END}" section`);
  const instructions = dockerfile.slice(begin, end).replace(/\\\n\s*/g, '').split('\n').map((l) => l.trim());
  return instructions.filter((l) => l.startsWith('RUN ')).map((l) => l.slice(4).trim());
}

/** The commands of the README's production block (comments, blank lines and `export APP_DIR=…` left out). */
export function readmeProductionSteps(readme: string): string[] {
  const mark = readme.indexOf(README_MARK);
  if (mark < 0) throw new Error(`the README has no "${README_MARK}" comment`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(mark));
  if (!block) throw new Error('no ```sh block after the production steps comment');
  return block[1]!
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !/^export APP_DIR=/.test(l));
}
