// containerOrVm.hover.verbosity "auto": "what it does" is left out only for the formats an installed
// Docker extension explains itself (Dockerfile, Compose), never for the others; "full" and "angle"
// apply to every format. The VS Code API is bench/fakeVscode's stand-in, with a Docker extension
// installed or not.
import '../../bench/fakeVscode'; // first: `require('vscode')` below must find the stand-in
import * as assert from 'node:assert/strict';
import { fakeVscode } from '../../bench/fakeVscode';
import { DOCKER_EXTENSION_IDS, hoverShowsGeneric } from '../../src/config';

const OTHERS = ['vagrant', 'packer', 'cloud-init', 'lima', 'terraform', 'kubernetes', 'devcontainer'];

function withExtensions<T>(installed: readonly string[], run: () => T): T {
  const before = fakeVscode.extensions;
  fakeVscode.extensions = { getExtension: (id: string) => (installed.includes(id) ? { id } : undefined), all: [] };
  try {
    return run();
  } finally {
    fakeVscode.extensions = before;
  }
}

describe('hover verbosity per format', () => {
  for (const docker of DOCKER_EXTENSION_IDS) {
    it(`auto, with ${docker} installed: left out for Dockerfile and Compose only`, () => {
      withExtensions([docker], () => {
        assert.equal(hoverShowsGeneric('auto', 'dockerfile'), false);
        assert.equal(hoverShowsGeneric('auto', 'compose'), false);
        for (const f of OTHERS) assert.equal(hoverShowsGeneric('auto', f), true, f);
      });
    });
  }

  it('auto, with no Docker extension: shown for every format', () => {
    withExtensions([], () => {
      for (const f of ['dockerfile', 'compose', ...OTHERS]) assert.equal(hoverShowsGeneric('auto', f), true, f);
    });
  });

  it('full and angle apply to every format, whatever is installed', () => {
    withExtensions([DOCKER_EXTENSION_IDS[0]], () => {
      for (const f of ['dockerfile', 'compose', ...OTHERS]) {
        assert.equal(hoverShowsGeneric('full', f), true, f);
        assert.equal(hoverShowsGeneric('angle', f), false, f);
      }
    });
  });
});
