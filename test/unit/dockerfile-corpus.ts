// The corpus files the Dockerfile tests read: ../shared/corpus/dockerfiles and BuildKit's parser test data.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const corpus = join(repoRoot, '..', 'shared', 'corpus');

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

export const corpusDockerfiles = (): string[] => [
  ...walk(join(corpus, 'dockerfiles')),
  ...walk(join(corpus, 'buildkit-testfiles')).filter((f) => f.endsWith('/Dockerfile')),
];
