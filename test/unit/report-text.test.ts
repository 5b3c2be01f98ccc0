// The terminal report (`advise` without --format) as a person reads it: the answer first, what asks
// for a change before good habits, and each signal's reason told once.
import * as assert from 'node:assert/strict';
import { adviseFiles } from '../../src/core/advisor/advise';
import { signalById } from '../../src/core/advisor/signals/index';
import { detailOf, renderAdviceText } from '../../src/core/render/adviceText';

const count = (text: string, part: string) => text.split(part).length - 1;

describe('text report', () => {
  const files = [
    {
      path: 'compose.yaml',
      text: [
        'services:',
        '  web:',
        '    build: ./web',
        '    read_only: true',
        '    privileged: true',
        '  agent:',
        '    image: example/agent:1',
        '    privileged: true',
        '    pid: host',
        '  worker:',
        '    image: example/worker:1',
        '    privileged: true',
        '',
      ].join('\n'),
    },
    { path: 'web/Dockerfile', text: 'FROM python:3.12-slim\nUSER 1000\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["python", "app.py"]\n' },
    { path: 'legacy/Vagrantfile', text: 'Vagrant.configure("2") do |config|\n  config.vm.define "builder" do |b|\n    b.vm.box = "generic/debian12"\n  end\nend\n' },
  ];
  const report = adviseFiles(files);
  const text = renderAdviceText(report);
  const lines = text.split('\n');

  it('opens with the overall answer and the workloads that decided it', () => {
    assert.equal(report.verdict, 'vm');
    assert.match(lines[0], /^Overall: vm {2}\(4 workloads, /);
    assert.equal(lines[1], 'Decided by: builder (legacy/Vagrantfile:2)');
    // The deciding workload is also the first one detailed.
    const firstWorkload = lines.findIndex((l, i) => i > 1 && /^\S.*\s{2}\(/.test(l));
    assert.match(lines[firstWorkload], /^builder {2}\(vagrant-machine, legacy\/Vagrantfile:2\)$/);
  });

  it("gives a signal's reason once per report; later occurrences show its label and line", () => {
    const reason = signalById('hardening.privileged')!.reason;
    assert.equal(count(text, reason), 1, text);
    const privileged = lines.filter((l) => /^ {4}- \[harden\] privileged \(/.test(l));
    assert.deepEqual(
      privileged.map((l) => /\((compose\.yaml:\d+)\)/.exec(l)?.[1]),
      ['compose.yaml:5', 'compose.yaml:8', 'compose.yaml:12'],
      'each occurrence keeps its own line',
    );
    // After the first, what is particular to the line (the service's name) is all that is left.
    assert.match(privileged[1], /^ {4}- \[harden\] privileged \(compose\.yaml:8\): Service `agent` runs privileged\.$/);
    assert.match(privileged[2], /^ {4}- \[harden\] privileged \(compose\.yaml:12\): Service `worker` runs privileged\.$/);
    assert.ok(privileged[0].includes(reason));
  });

  it('lists what asks for a change before good habits in each workload', () => {
    const start = lines.findIndex((l) => l.startsWith('web  ('));
    const end = lines.indexOf('', start + 1);
    const block = lines.slice(start, end < 0 ? undefined : end);
    const asks = block.findIndex((l) => l === '  asks for a change:');
    const habits = block.findIndex((l) => l === '  good habits:');
    assert.ok(asks > 0 && habits > asks, block.join('\n'));
    const directions = block.filter((l) => /^ {4}- \[/.test(l)).map((l) => /\[(\w+)\]/.exec(l)![1]);
    const firstHabit = directions.indexOf('container');
    assert.ok(firstHabit > 0, directions.join(' '));
    assert.ok(directions.slice(firstHabit).every((d) => d === 'container'), directions.join(' '));
  });

  it('lists the most demanding verdicts first within a section', () => {
    const order = lines.filter((l) => /^ {2}verdict: /.test(l)).map((l) => /verdict: (\S+)/.exec(l)![1]);
    assert.deepEqual(order, ['vm', 'container-hardened', 'container-hardened', 'container-hardened']);
  });

  it("cuts only a message's shared reason, keeping what is particular to the line", () => {
    assert.equal(detailOf('Service `a` runs privileged. Because reasons.', 'Because reasons.'), 'Service `a` runs privileged.');
    assert.equal(detailOf('Because reasons.', 'Because reasons.'), '');
    assert.equal(detailOf('Only when x holds, which the files do not decide: Because reasons.', 'Because reasons.'), 'Only when x holds, which the files do not decide');
    // Without a catalogue reason: what the message shares with the first one of its signal.
    assert.equal(detailOf('B here. The same long reason as before.', undefined, 'A there. The same long reason as before.'), 'B here.');
    assert.equal(detailOf('Something else entirely', undefined, 'A there. The same long reason as before.'), 'Something else entirely');
  });
});
