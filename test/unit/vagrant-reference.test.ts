// The Vagrantfile reader and detector must give exactly what the reference copies give
// (test/helpers/reference/vagrant.ts): the same model, node for node and range for range, the
// same workloads and the same findings, on every corpus Vagrantfile, on fixed variants of each (line
// ends, indentation, cuts, repeats, Ruby constructs spliced in) and on random and mutated text.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { detectVagrant } from '../../src/core/advisor/detect/vagrant';
import { vagrantModule } from '../../src/core/parse/vagrant';
import { corpusFiles, fuzzParams, mutatedCorpus, randomText } from '../fuzz/inputs';
import { referenceDetect, referenceParse, referenceWorkloads } from '../helpers/reference/vagrant';
import { plain } from '../helpers/plain';

const FILE = 'vm/Vagrantfile';

/** Parses with both readers and compares model, workloads and findings. */
function agree(text: string, what: string): void {
  const want = referenceParse(text, FILE);
  const got = vagrantModule.parse(text, FILE);
  assert.deepStrictEqual(plain(got), plain(want), `${what}: model`);
  assert.deepStrictEqual(vagrantModule.workloads(got), referenceWorkloads(want), `${what}: workloads`);
  // The detector itself, not findingsFor: that one caches per model object.
  assert.deepStrictEqual(detectVagrant(got), referenceDetect(want), `${what}: findings`);
}

/** Ruby pieces the masking and block tracking have to get right, for splicing into corpus files. */
const RUBY = [
  '# comment with "quote" and do |x|\n',
  '=begin\nconfig.vm.box = "hidden"\n=end\n',
  'x = <<~EOS\n  config.vm.box = "in heredoc"\n  EOS\n',
  'config.vm.provision "shell", inline: <<-SHELL\n  echo "#{a}"\nSHELL\n',
  '%w(alpha beta).each do |p|\n  config.vm.provider p do |v|\n    v.memory = 512\n  end\nend\n',
  '["a", :b].each do |n|\n  config.vm.define n do |m|\n    m.vm.box = "x"\n  end\nend\n',
  'config.vm.define "w" do |w|\n  w.vm.provider :docker do |d, override|\n    override.vm.box = nil\n    d.image = "x"\n  end\nend\n',
  'config.vm.network "private_network", ip: "10.0.0.#{i}", :mac => "0800", auto_config: false\n',
  'config.vm.synced_folder ".", "/vagrant", type: "nfs",\n  mount_options: ["rw", "vers=3"]\n',
  'v.vmx["memsize"] = "2048"\nv.customize ["modifyvm", :id, "--memory", 1024]\n',
  'if ENV["X"] then config.vm.box = "y" end\nwhile false do\nend\nfoo = if a then b else c end\n',
  'config.vm.box ||= \'s\\\'q\'\nconfig.vm.box_check_update = false\nconfig.vm.boot_timeout = -1.5\n',
  'Vagrant.require_plugin "vagrant-lxc"\nVagrant.require_plugin("vagrant-podman")\n',
  '"unterminated\n', '`cmd #{x} `\n', '%q{a}b}\n', '<<"ID"\nbody\nID\n', 'end\nend\nend\n', 'do |a, *b, &c|\n',
];

describe('Vagrantfile reader and detector agree with the reference', function () {
  this.timeout(120_000);
  const files = corpusFiles().filter((f) => f.format === 'vagrant');

  it('has corpus Vagrantfiles to compare on', () => {
    assert.ok(files.length >= 10, `${files.length} corpus Vagrantfiles`);
  });

  for (const f of files) {
    it(`${f.name}: as written and in fixed variants`, () => {
      const t = f.text;
      agree(t, f.name);
      agree(t.replace(/\r?\n/g, '\r\n'), `${f.name} (CRLF)`);
      agree(t.replace(/\r?\n/g, '\r'), `${f.name} (CR)`);
      agree(t.replace(/^[ \t]+/gm, ''), `${f.name} (dedented)`);
      agree(t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)), `${f.name} (tabs)`);
      agree(t.repeat(3), `${f.name} (three times)`);
      agree('\ufeff' + t, `${f.name} (BOM)`);
      for (let k = 1; k < 8; k++) agree(t.slice(0, Math.floor((t.length * k) / 8)), `${f.name} (cut at ${k}/8)`);
      RUBY.forEach((r, k) => {
        const at = t.indexOf('\n', Math.floor((t.length * (k + 1)) / (RUBY.length + 1)));
        agree(t.slice(0, at + 1) + r + t.slice(at + 1), `${f.name} (Ruby piece ${k} spliced in)`);
      });
    });
  }

  it('the largest corpus Vagrantfile repeated to 256 KB', () => {
    const big = [...files].sort((a, b) => b.text.length - a.text.length)[0].text;
    agree(big.repeat(Math.ceil((256 * 1024) / big.length)), 'repeated');
  });

  it('on mutated corpus files', () => {
    fc.assert(
      fc.property(mutatedCorpus('vagrant'), ({ base, text }) => agree(text, base)),
      fuzzParams(150),
    );
  });

  it('on random text and Ruby pieces', () => {
    const pieces = fc.array(fc.oneof(fc.constantFrom(...RUBY), fc.constantFrom('config.vm.', 'do', ' do |c|', 'end', '"', "'", '#', '(', ')', '[', ']', '{', '}', ',', ' \\', '\n', '<<', '%w(', '=>', ':x', 'x: ', '|'), fc.string({ maxLength: 6 })), { maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(randomText, pieces.map((p) => p.join(''))), (text) => agree(text, JSON.stringify(text.slice(0, 200)))),
      fuzzParams(400),
    );
  });
});
