// What a user of another display language reads: src/core renders its own words through
// @vscode/l10n, so with a translation bundle configured (as the extension does from VS Code's) the
// report, the comparison panel, the CodeLens, the status bar and the hover come out translated, while
// workspace text stays escaped and the knowledge data stays as written. Each test configures a small
// made-up bundle and puts English back afterwards, so no other suite sees it.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { compareTable, renderCompareMarkdown } from '../../src/core/compare';
import { explainAt } from '../../src/core/explain';
import { parseDockerfile } from '../../src/core/parse/dockerfile';
import { renderAdviceMarkdown } from '../../src/core/render/adviceText';
import { compareLensTitle, lensTitle, lensTooltip, statusText } from '../../src/core/render/lens';
import { renderPanelHtml } from '../../src/core/render/panelHtml';
import { renderReportHtml } from '../../src/core/render/reportHtml';
import { HOSTILE, hostileReport } from './helpers/hostileReport';

/** A pseudo-locale: a few messages translated, some with their placeholders reordered, one with markup characters. */
const PSEUDO: Record<string, string> = {
  'Should this be a VM?': 'Faut-il une VM ?',
  'Scan again': 'Analyser de nouveau',
  'Overall: {0}': 'Verdict global : {0}',
  '{0} at {1}': '{1} — {0}',
  'confidence {0}': 'confiance {0}',
  'What would change it': 'Ce qui le changerait',
  'Skipped ({0})': 'Ignorés ({0})',
  'Hardened container': 'Conteneur durci',
  'Virtual machine': 'Machine virtuelle',
  Filter: 'Filtrer <b>"&</b>',
  'Filter dimensions': 'Filtrer les "dimensions"',
  'No workspace scan yet.': 'Aucune analyse de l’espace de travail.',
  'Containers, virtual machines and sandboxed containers compared on {0} dimensions, with the documents behind each row and the evidence found in this workspace. Arrow keys move between rows; Enter opens a row\'s first piece of evidence.':
    '{0} dimensions comparées.',
  'Nothing in this workspace.': 'Rien dans cet espace de travail.',
  'and {0} more': 'et {0} de plus',
  'Decided the verdict of:': 'A décidé du verdict de :',
  'Copied the comparison as Markdown.': 'Comparaison copiée en Markdown.',
  VM: 'MV',
  '{0}: {1}': '{0} : {1}',
  'Compare container vs VM': 'Comparer conteneur et VM',
  '{0}: {1} (confidence {2}%). Click to open the report.': '{0} : {1} (confiance {2} %). Cliquer pour ouvrir le rapport.',
  '{0} ({1} of {2})': '{0} ({1} sur {2})',
  'What it does.': 'Ce que fait l’instruction.',
  'On this line': 'Sur cette ligne',
  '(evidence toward {0})': '(indice en faveur de : {0})',
  'hardening the container': 'durcir le conteneur',
  'Container or VM?': 'Conteneur ou VM ?',
  'Sources:': 'Sources :',
  'Compare containers and VMs on {0}': 'Comparer conteneurs et VM : {0}',
  'Containers or virtual machines: the comparison': 'Conteneurs ou machines virtuelles : la comparaison',
  Dimension: 'Dimension',
  Containers: 'Conteneurs',
};

const env = { cspSource: 'vscode-webview://abc', nonce: 'bm9uY2UxMjM0NTY3ODk=', scriptUri: 'vscode-webview://abc/media/x.js', styleUri: 'vscode-webview://abc/media/x.css' };

/** Renders under the pseudo-locale and puts English back, whatever happens. */
function translated<T>(render: () => T): T {
  l10n.config({ contents: PSEUDO });
  try {
    return render();
  } finally {
    l10n.config({ contents: {} });
  }
}

describe('localised rendering', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('the report speaks the configured language, keeps workspace strings escaped, and English comes back after', () => {
    const report = hostileReport();
    const english = renderReportHtml(report, env, 0);
    const html = translated(() => renderReportHtml(report, env, 0));
    assert.match(html, /<title>Faut-il une VM \?<\/title>/);
    assert.match(html, /<h1>Faut-il une VM \?<\/h1>/);
    assert.match(html, /<button type="button" data-action="rerun">Analyser de nouveau<\/button>/);
    assert.match(html, /Verdict global : <span class="badge verdict-container-hardened">Conteneur durci<\/span>/);
    assert.match(html, /<h3>Ce qui le changerait<\/h3>/);
    assert.match(html, /<summary>Ignorés \(1\)<\/summary>/);
    // Placeholders reordered by the translation, one of them a link built from a hostile path.
    assert.match(html, /<p class="meta"><button type="button" class="link" data-file="&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;&#39;&quot;&amp;&lt;script&gt;alert\(2\)&lt;\/script&gt;\/compose.yaml" data-line="\d+">[^<]*<\/button> — compose/);
    assert.match(html, / · confiance <span class="confidence">\d+%<\/span><\/p>/);
    // Untranslated messages stay English; data stays as written.
    assert.match(html, /<h3>Evidence<\/h3>/);
    assert.ok(!html.includes('<img') && (html.match(/<script/g) ?? []).length === 1, 'workspace strings stay text');
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&quot;&amp;&lt;script&gt;'));
    assert.equal(renderReportHtml(report, env, 0), english, 'English once the bundle is reset');
  });

  it('the comparison panel translates its chrome and the words its script writes, and escapes the translations too', () => {
    const english = renderPanelHtml({ table: compareTable() }, env);
    const html = translated(() => renderPanelHtml({ table: compareTable(), marks: { isolation: [{ workload: HOSTILE, verdict: 'vm', file: 'Dockerfile', line: 2, message: HOSTILE }] } }, env));
    assert.match(html, /<label for="filter">Filtrer &lt;b&gt;&quot;&amp;&lt;\/b&gt;<\/label>/);
    assert.match(html, /placeholder="Filtrer les &quot;dimensions&quot;"/);
    assert.match(html, /<caption>\d+ dimensions comparées\.<\/caption>/);
    assert.match(html, /<th scope="col">Conteneurs<\/th>/);
    assert.match(html, /<span class="verdict verdict-vm">Machine virtuelle<\/span>/);
    assert.match(html, /<span class="muted">Rien dans cet espace de travail\.<\/span>/);
    assert.ok(!html.includes('<img') && !html.includes('<b>'), 'neither workspace text nor translations become markup');
    const attr = /<main data-l10n="([^"]*)">/.exec(html);
    assert.ok(attr, 'the script strings travel on <main>');
    const strings = JSON.parse(attr[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    assert.deepEqual(strings, {
      copied: 'Comparaison copiée en Markdown.',
      nothing: 'Rien dans cet espace de travail.',
      more: 'et {0} de plus',
      decided: 'A décidé du verdict de :',
      verdicts: { container: 'Container', 'container-hardened': 'Conteneur durci', sandboxed: 'Sandboxed container', vm: 'Machine virtuelle' },
    });
    assert.equal(renderPanelHtml({ table: compareTable() }, env), english);
  });

  it('CodeLens and status bar titles put the translated words around the catalogue labels', () => {
    const w = {
      name: 'agent',
      verdict: 'vm' as const,
      confidence: 0.9,
      signals: [{ id: 'x.mods', direction: 'vm' as const, file: 'Dockerfile', line: 3, column: 1, message: 'loads a module', dimension: 'os-kernel' as const, sources: [], label: 'loads kernel modules', weight: 0.9 }],
    };
    const [title, tooltip, compare, status] = translated(() => [lensTitle(w), lensTooltip(w), compareLensTitle(), statusText({ verdict: 'vm', workloads: [w, { ...w, verdict: 'container' as const }] as never })]);
    assert.equal(title, 'MV : loads kernel modules');
    assert.equal(tooltip.split('\n')[0], 'agent : MV (confiance 90 %). Cliquer pour ouvrir le rapport.');
    assert.equal(compare, 'Comparer conteneur et VM');
    assert.equal(status, 'MV (1 sur 2)');
    assert.equal(lensTitle(w), 'VM: loads kernel modules');
    assert.equal(compareLensTitle(), 'Compare container vs VM');
  });

  it('the hover translates its headings and links, not the knowledge it explains', () => {
    const model = parseDockerfile('FROM alpine:3.20\nUSER root\n', 'Dockerfile');
    const at = () => explainAt(model, { line: 1, character: 1 }, { generic: true })!.markdown;
    const english = at();
    const md = translated(at);
    assert.notEqual(md, english);
    assert.match(md, /^\*\*Ce que fait l’instruction\.\*\* /m);
    assert.match(md, /^\*\*Sur cette ligne\*\*$/m);
    assert.match(md, /^- ⚑ \*\*runs as root\*\* \(indice en faveur de : durcir le conteneur\)$/m, 'the signal label is catalogue data, the rest translated');
    assert.match(md, /^\*\*Conteneur ou VM \?\*\* /m);
    assert.match(md, /^\*Sources :\* /m);
    assert.match(md, /^\[Comparer conteneurs et VM : [^\]]+\]\(command:containerOrVm\.openComparison\?/m);
    // The topic's own text is English data, the same in both.
    assert.equal(md.split('\n')[0], english.split('\n')[0]);
    assert.equal(at(), english, 'English once the bundle is reset');
  });

  it('Markdown copies (report and comparison) carry the translated headings', () => {
    const report = translated(() => renderAdviceMarkdown(hostileReport()));
    assert.match(report, /^# Conteneur ou VM \?$/m);
    assert.match(report, /^\*\*Verdict global : container-hardened\*\*/m);
    assert.match(report, /^\*\*Ce qui le changerait\*\*$/m);
    const table = translated(() => renderCompareMarkdown());
    assert.match(table, /^# Conteneurs ou machines virtuelles : la comparaison$/m);
    assert.match(table, /^\| Dimension \| Conteneurs \| Virtual machines \| Sources \|$/m);
  });
});
