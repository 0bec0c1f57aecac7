import { spawnSync } from 'node:child_process';

/** The Redis tests use: TEST_REDIS_URL, or the conventional local one. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Runs in a child so the answer is known while jest collects tests (describe cannot wait).
const PROBE = `
const net = require('node:net');
const url = new URL(process.argv[1]);
const socket = net.connect(Number(url.port || 6379), url.hostname);
const fail = () => process.exit(1);
socket.setTimeout(1500, fail);
socket.on('error', fail);
socket.on('connect', () => socket.write('PING\\r\\n'));
socket.on('data', (chunk) => process.exit(String(chunk).startsWith('+PONG') ? 0 : 1));
`;

/** Whether a Redis answers PING at TEST_REDIS_URL (checked once, synchronously). */
export function redisReachable(): boolean {
  const probe = spawnSync(process.execPath, ['-e', PROBE, TEST_REDIS_URL], { timeout: 5000 });
  return probe.status === 0;
}
