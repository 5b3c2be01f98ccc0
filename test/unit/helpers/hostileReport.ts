// A small report whose folder, service, messages, skipped file and note are hostile strings: the
// renderers' tests check that every one of them comes out as text.
import { adviseFiles } from '../../../src/core/advisor/advise';
import type { AdviceReport } from '../../../src/core/advisor/report';
import { fakeDeps } from './fakeFormats';

export const HOSTILE = `<img src=x onerror="alert(1)">'"&<script>alert(2)</script>`;

export function hostileReport(): AdviceReport {
  const r = adviseFiles(
    [
      { path: `${HOSTILE}/compose.yaml`, text: `service ${HOSTILE.replace(/\s/g, '_')}\n  build .\n  !t.privileged\n` },
      { path: `${HOSTILE}/Dockerfile`, text: 'FROM x\n!t.root\n' },
    ],
    { deps: fakeDeps },
  );
  r.workloads[0].signals[0].message = HOSTILE;
  r.skipped.push({ file: `skipped/${HOSTILE}`, reason: HOSTILE, kind: 'binary' });
  r.notes.push({ file: HOSTILE, message: HOSTILE });
  return r;
}
