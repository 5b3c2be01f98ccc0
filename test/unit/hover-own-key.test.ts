// Every hover is about its line: for every key of every YAML, JSON and HCL file of the corpus, the
// hover is that key's own topic or there is none; a child key never shows its parent's text, unless
// the record explicitly covers it (its text names the key in a code span, or the key is a name the
// user picks, as under `volumes:` or `features:`).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseWith } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { topicById } from '../../src/core/knowledge/index';
import { CLOUDINIT_TOPICS } from '../../src/core/knowledge/cloudinit';
import { COMPOSE_TOPICS } from '../../src/core/knowledge/compose';
import { DEVCONTAINER_TOPICS } from '../../src/core/knowledge/devcontainer';
import { KUBERNETES_TOPICS } from '../../src/core/knowledge/kubernetes';
import { LIMA_TOPICS } from '../../src/core/knowledge/lima';
import { PACKER_TOPICS } from '../../src/core/knowledge/packer';
import { TERRAFORM_TOPICS } from '../../src/core/knowledge/terraform';
import { matchPath } from '../../src/core/parse/path';
import type { ConfigModel, ConfigNode } from '../../src/core/parse/types';

const KEY_TOPICS = new Map([...COMPOSE_TOPICS, ...KUBERNETES_TOPICS, ...CLOUDINIT_TOPICS, ...LIMA_TOPICS, ...DEVCONTAINER_TOPICS, ...PACKER_TOPICS, ...TERRAFORM_TOPICS].map((t) => [t.id, t]));

const corpus = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const isIndex = (k: string) => /^\d+$/.test(k);

/** Whether the topic's text speaks of this key: the key inside a code span of its summary, what it does, its angle. */
function names(topicId: string, key: string): boolean {
  const t = topicById(topicId)!;
  const spans = `${t.summary} ${t.does} ${t.angle}`.match(/`[^`]*`/g) ?? [];
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return spans.some((s) => new RegExp(`(^|[^\\w-])${esc}($|[^\\w-])`).test(s)) || topicId.endsWith(`.${key}`) || t.title === key || t.title.endsWith(`.${key}`);
}

describe('every hover is about its line', () => {
  it('a child key in the corpus gets its own topic or none, never its parent\'s', function () {
    this.timeout(120_000);
    const files = walk(corpus).filter((f) => /\.(ya?ml|json|jsonc|hcl|tf|txt)$|user-data|meta-data|\.sample$/i.test(f) && !f.includes('buildkit-testfiles'));
    let keys = 0;
    let children = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const name = relative(corpus, file);
      const model = parseWith(name, readFileSync(file, 'utf8')) as ConfigModel | null;
      if (!model || !('roots' in model)) continue;
      const hover = (n: ConfigNode) => explainAt(model, n.keyRange.start, { generic: true });
      /** parentTopic: the topic the nearest enclosing key showed; parentPicked: that key is itself a name the user picked. */
      const visit = (n: ConfigNode, parentTopic: string | undefined, parentPicked: boolean) => {
        if (isIndex(n.key) || n.path.length === 0) {
          for (const c of n.children ?? []) visit(c, parentTopic, parentPicked);
          return;
        }
        keys++;
        const ex = hover(n);
        const topic = ex?.topic.id;
        // A key matched by a trailing `*` of its record is a name the user picked (a service, a volume, a Feature id).
        const picked = topic !== undefined && (KEY_TOPICS.get(topic)?.paths ?? []).some((p) => /(^|\.)\*$/.test(p) && matchPath(p, n.path));
        if (topic !== undefined && topic === parentTopic) {
          children++;
          if (!(picked && !parentPicked) && !names(topic, n.key)) wrong.push(`${name}:${n.keyRange.start.line + 1} ${n.path.join('.')} shows ${topic}`);
        }
        for (const c of n.children ?? []) visit(c, topic, picked);
      };
      for (const r of model.roots) visit(r, undefined, false);
    }
    assert.ok(keys > 5000, `${keys} keys`);
    assert.ok(children > 50, `${children} child keys share their parent's topic`);
    assert.deepEqual(wrong.slice(0, 40), [], `${wrong.length} child keys show their parent's topic`);
  });
});
