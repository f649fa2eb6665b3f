// Starts `warta serve` on a free port with data directory `data`; resolves
// to { proc, url } once it says where it listens. Shared by the browser and
// Lighthouse tests. `proc.logTail()` is the last 64 KiB the server printed
// (stdout and stderr), for a failing test to show.
import { spawn } from 'node:child_process';

export function startServer(binary, data, env = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(binary, ['serve', '--data', data, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let log = '';
    const keep = (d) => { log = (log + d).slice(-65536); };
    p.logTail = () => log;
    const timer = setTimeout(() => reject(new Error('warta serve did not start: ' + out)), 15000);
    p.stdout.on('data', (d) => {
      out += d;
      keep(d);
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve({ proc: p, url: m[1] }); }
    });
    p.stderr.on('data', keep);
    p.on('exit', (code) => reject(new Error('warta serve exited ' + code + ': ' + out)));
  });
}
