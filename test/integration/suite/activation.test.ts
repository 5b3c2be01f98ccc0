// In a workspace with Dockerfiles the extension is active once one is open.
import * as assert from 'node:assert/strict';
import { extension, openFile, waitFor } from './helpers';

describe('activation (workspace with Dockerfiles)', () => {
  it('is active after opening a Dockerfile', async () => {
    const editor = await openFile('Dockerfile');
    assert.equal(editor.document.languageId, 'dockerfile');
    await waitFor('the extension to activate', () => extension().isActive);
  });
});
