import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNALS } from '../../src/core/advisor/signals';
import { renderSignalsDoc, REPOSITORY_URL, signalDocUrl, SIGNALS_DOC_PATH } from '../../src/core/render/signalsDoc';

const root = join(__dirname, '..', '..', '..');

describe('docs/signals.md', () => {
  it('is the catalogue as it is now (regenerate with node scripts/gen-signals-doc.mjs)', () => {
    const committed = readFileSync(join(root, SIGNALS_DOC_PATH), 'utf8');
    assert.ok(committed === renderSignalsDoc(SIGNALS), `${SIGNALS_DOC_PATH} is out of date: run node scripts/gen-signals-doc.mjs`);
  });

  it('has an anchor for every signal id, which the diagnostic links point to', () => {
    const doc = renderSignalsDoc(SIGNALS);
    for (const s of SIGNALS) assert.ok(doc.includes(`<a id="${s.id}"></a>`), s.id);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } };
    assert.equal(REPOSITORY_URL, pkg.repository.url);
    assert.equal(signalDocUrl('hardening.privileged'), `${pkg.repository.url}/blob/main/docs/signals.md#hardening.privileged`);
  });
});
