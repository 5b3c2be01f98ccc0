// Preloaded with `node --require out/bench/rssAtExit.js dist/cli.js ...`: when the process exits,
// writes its peak resident memory (kilobytes, from process.resourceUsage) as one line on stderr.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
