// The Dockerfile claims corrected on re-reading them against the Dockerfile reference, the Windows
// container docs on Microsoft Learn and the image publishers' pages, asserted as a user meets them.
import * as assert from 'node:assert/strict';
import { parseWith } from '../../src/core/cache';
import { explainAt, type Explanation } from '../../src/core/explain';
import { classifyImage } from '../../src/core/knowledge/dockerfile';
import { DF } from '../../src/core/knowledge/dockerfile/ids';
import { topicById } from '../../src/core/knowledge/index';

/** The Dockerfile hover (with what the line does) at the first occurrence of `needle`. */
function hover(text: string, needle: string): Explanation | null {
  const model = parseWith('Dockerfile', text);
  assert.ok(model, 'no Dockerfile parser');
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const character = lines[line].indexOf(needle);
    if (character >= 0) return explainAt(model, { line, character: character + 1 }, { generic: true });
  }
  throw new Error(`'${needle}' not in the Dockerfile`);
}

const topic = (id: string) => {
  const t = topicById(id);
  assert.ok(t, `no topic ${id}`);
  return t;
};

describe('knowledge audit (Dockerfile): corrected claims', () => {
  describe('Windows 2022 images also run process-isolated on Windows Server 2025 and Windows 11', () => {
    it('says so in the note on an ltsc2022 base, and only there', () => {
      const ex = hover('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd"]\n', 'FROM')!;
      assert.match(ex.markdown, /build must match \(Windows Server 2022 \(build 20348\); also Windows Server 2025, Windows 11\)/);
      assert.match(classifyImage('mcr.microsoft.com/windows/servercore:ltsc2025').notes.join(' '), /also Windows 11 24H2\+/);
      const older = classifyImage('mcr.microsoft.com/windows/servercore:ltsc2019').notes.join(' ');
      assert.match(older, /build must match \(Windows Server 2019 \(build 17763\)\)/);
    });

    it('does not limit an ltsc2022 image to Windows Server 2022 or a Windows 11 client', () => {
      for (const family of ['windows-servercore', 'windows-nanoserver', 'windows']) {
        const angle = topic(DF.image(family)).angle;
        assert.doesNotMatch(angle, /or a Windows 11 client\)/, family);
        assert.match(angle, /Windows Server 2025 and Windows 11 hosts also run it/, family);
      }
      assert.match(topic(DF.instruction('SHELL')).angle, /a 2022 image on Windows Server 2025/);
      assert.match(topic(DF.directive('escape')).angle, /a 2022 image on Windows Server 2025/);
    });
  });

  it('links Server Core and the full Windows images to Microsoft\'s base-image page', () => {
    for (const family of ['windows-servercore', 'windows']) {
      assert.equal(topic(DF.image(family)).reference?.url, 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/container-base-images');
    }
  });

  it('ENTRYPOINT exec form gets the run arguments or else CMD, not both', () => {
    const does = topic(DF.instruction('ENTRYPOINT')).does;
    assert.match(does, /the arguments given to `docker run` are appended, or `CMD` when there are none/);
    assert.doesNotMatch(does, /arguments from `docker run` and `CMD` are appended/);
  });

  it('a secret mount with env can also keep the file', () => {
    const does = topic(DF.flag('RUN', 'mount.secret')).does;
    assert.match(does, /instead of the file or besides it when `target` is also set/);
  });

  it('names the current distroless images (Debian 13) and the Ubuntu 26.04 tag', () => {
    assert.match(topic(DF.image('distroless')).does, /Debian 13 \(`static-debian13`/);
    assert.match(topic(DF.image('ubuntu')).does, /`26\.04`\/`resolute`/);
  });

  it('reads the Ubuntu 26.04 and Debian 14 code names in tags', () => {
    assert.deepEqual(classifyImage('eclipse-temurin:21-jre-resolute').topicIds, ['dockerfile.image.language', 'dockerfile.image.ubuntu']);
    assert.equal(classifyImage('eclipse-temurin:25-jdk-resolute').os, 'linux');
    assert.deepEqual(classifyImage('buildpack-deps:forky-scm').topicIds, ['dockerfile.image.generic', 'dockerfile.image.debian']);
  });

  it('classes the Windows and Windows Server insider images as full Windows images', () => {
    for (const ref of ['mcr.microsoft.com/windows/server/insider:10.0.20344.1', 'mcr.microsoft.com/windows/insider:10.0.20348.1']) {
      const c = classifyImage(ref);
      assert.equal(c.family, 'windows', ref);
      assert.equal(c.os, 'windows', ref);
    }
  });
});
