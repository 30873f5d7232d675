import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerfileProductionSteps, readmeProductionSteps } from '../support/production-steps.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string }; bin: Record<string, string>; files: string[] };
const dockerfile = read('Dockerfile');
/** The Dockerfile's stages, each from its FROM line on. */
const stages = dockerfile.split(/^(?=FROM )/m).slice(1);

describe('the production install is one set of steps: the README, the Dockerfile and CI agree', () => {
  it("the README's production steps are the Dockerfile's, word for word", () => {
    const steps = dockerfileProductionSteps(dockerfile);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(readmeProductionSteps(read('README.md'))).toEqual(steps);
  });

  it('installs production dependencies only, from a packed tarball, and never compiles at install or start', () => {
    const steps = dockerfileProductionSteps(dockerfile);
    expect(steps).toContain('npm pack');
    expect(steps.at(-1)).toMatch(/npm ci --omit=dev$/);
    // No lifecycle script that needs a dev dependency runs on install or start.
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare', 'prestart']) expect(pkg.scripts[script], script).toBeUndefined();
    expect(pkg.scripts.start).toBe('node dist/main.js');
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.bin['claude-status']).toBe('dist/cli.js');
    expect(pkg.files).toContain('dist');
  });

  it('.ci/run runs those steps (through the smoke test) and the suite on each supported line', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/\.ci\/production-smoke\.ts --require-promtool/);
    const versions = /NODE_VERSIONS=\$\{NODE_VERSIONS:-"([^"]+)"\}/.exec(ci)?.[1]?.split(' ') ?? [];
    expect(versions.map((v) => v.split('.')[0])).toEqual(['22', '24', '26']);
    expect(pkg.engines.node).toBe('^22 || ^24 || ^26');
    expect(ci).toMatch(/npm ci --no-audit --no-fund/);
    expect(ci).toMatch(/npm test/);
  });
});

describe('the image', () => {
  it('builds in one stage and runs from an official slim Node LTS image in another', () => {
    expect(stages).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=(22|24|26)$/m);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim\b/);
  });

  it('runs as a non-root user, keeps DATA_DIR on a volume, checks /healthz, and holds only the production install', () => {
    const run = stages[1]!;
    expect(run).toMatch(/^USER node$/m);
    expect(run).toMatch(/DATA_DIR=\/data/);
    expect(run).toMatch(/^VOLUME \/data$/m);
    expect(run).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(run).toMatch(/^COPY --from=build --chown=node:node \/app \/app$/m);
    expect(run).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(run).not.toMatch(/npm (ci|install)|apt-get/);
  });

  it('compose.yaml runs several replicas of the image on one Redis with persistence', () => {
    const compose = parse(read('compose.yaml')) as {
      services: Record<string, { build?: string; command?: string[]; deploy?: { replicas?: number }; environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
    };
    const { app, redis } = compose.services;
    expect(app?.build).toBe('.');
    expect(app?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(app?.environment?.REDIS_URL).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD\}@redis:6379$/);
    expect(app?.environment?.METRICS_PORT).toBeDefined();
    expect(app?.depends_on).toHaveProperty('redis');
    expect(redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  });
});
