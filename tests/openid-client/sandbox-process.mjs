// Starts `oauth-debugger-cli sandbox` as a child process and stops it again.
//
// The sandbox prints one JSON line ({"issuer": ..., "clients": [...]}) on stdout once it listens and then runs
// until SIGTERM. It runs under coreutils `timeout` when that exists, so that even if this Node process is killed
// with SIGKILL (no chance to clean up) the sandbox does not outlive it by more than `lifetimeSeconds`. It is
// started in a process group of its own, so that SIGKILL reaches the sandbox and not only `timeout`.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

function hasTimeoutCommand() {
  return spawnSync('timeout', ['--version'], { stdio: 'ignore' }).status === 0;
}

export class SandboxProcess {
  #child = null;
  #dataDir = null;
  #stderr = '';
  #exit = null; // resolves to { code, signal } once the child exited
  #exited = false;

  // Starts the sandbox on a free port with its data in a new temporary folder; resolves to the ready JSON.
  async start(cliPath, { readySeconds = 30, lifetimeSeconds = 120 } = {}) {
    this.#dataDir = mkdtempSync(join(tmpdir(), 'sandbox-openid-client-'));
    const sandboxArgs = ['sandbox', '--port', '0', '--json', '--auto-approve', '--data-dir', this.#dataDir];
    const [command, args] = hasTimeoutCommand()
      ? ['timeout', ['--kill-after=5', String(lifetimeSeconds), cliPath, ...sandboxArgs]]
      : [cliPath, sandboxArgs];
    // Profiles and settings of the CLI stay in the temporary folder too, never in the user's home.
    const env = { ...process.env, OAUTH_DEBUGGER_HOME: this.#dataDir };
    this.#child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
    this.#exit = new Promise((resolve) => {
      this.#child.on('exit', (code, signal) => {
        this.#exited = true;
        resolve({ code, signal });
      });
    });
    this.#child.stderr.setEncoding('utf8');
    this.#child.stderr.on('data', (text) => {
      this.#stderr += text;
    });
    return this.#readReadyLine(readySeconds);
  }

  #readReadyLine(readySeconds) {
    return new Promise((resolve, reject) => {
      const lines = createInterface({ input: this.#child.stdout });
      const timer = setTimeout(() => {
        reject(new Error(`the sandbox printed no ready line within ${readySeconds} s; stderr: ${this.#stderr}`));
      }, readySeconds * 1000);
      const spawnFailed = (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot start the sandbox: ${error.message}`));
      };
      this.#child.on('error', spawnFailed);
      lines.on('line', (line) => {
        let ready;
        try {
          ready = JSON.parse(line);
        } catch {
          return; // not the ready line
        }
        clearTimeout(timer);
        this.#child.off('error', spawnFailed);
        resolve(ready);
      });
      this.#exit.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox exited (code ${code}, signal ${signal}) before it was ready; ` +
          `stderr: ${this.#stderr}`));
      });
    });
  }

  get stderr() {
    return this.#stderr;
  }

  // SIGTERM, then SIGKILL after graceSeconds; resolves to { code, signal } of the child. Removes the data folder.
  async stop(graceSeconds = 5) {
    if (!this.#child) {
      this.#removeDataDir();
      return null;
    }
    if (!this.#exited) this.#child.kill('SIGTERM');
    let timer;
    const killed = new Promise((resolve) => {
      timer = setTimeout(() => {
        this.#killGroup();
        resolve(null);
      }, graceSeconds * 1000);
    });
    const result = await Promise.race([this.#exit, killed]);
    clearTimeout(timer);
    const status = result ?? (await this.#exit);
    this.#removeDataDir();
    return { ...status, killed: result === null };
  }

  // Last resort from process.on('exit'): synchronous, no waiting.
  killNow() {
    if (this.#child && !this.#exited) this.#killGroup();
    this.#removeDataDir();
  }

  // SIGKILL to the child's process group: `timeout` and the sandbox under it.
  #killGroup() {
    try {
      process.kill(-this.#child.pid, 'SIGKILL');
    } catch {
      this.#child.kill('SIGKILL'); // the group is gone already; the child itself, to be sure
    }
  }

  #removeDataDir() {
    if (this.#dataDir) rmSync(this.#dataDir, { recursive: true, force: true });
    this.#dataDir = null;
  }
}
