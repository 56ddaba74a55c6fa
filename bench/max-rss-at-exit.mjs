// Preloaded (`node --import`) into the CLI the memory bench runs: writes the process's peak resident set,
// KB, to the file IVS_GUARD_MAX_RSS_FILE names when it exits, since a parent cannot read a child's maxRSS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.IVS_GUARD_MAX_RSS_FILE) writeFileSync(process.env.IVS_GUARD_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
