// Fails the build when the JavaScript a resident downloads first grows past the budget
// (150 KB gzip, issue 4): the site must stay fast on a weak phone connection.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const assets = join(import.meta.dirname, '../dist/assets');
const html = readFileSync(join(import.meta.dirname, '../dist/index.html'), 'utf8');
const initial = readdirSync(assets).filter((name) => name.endsWith('.js') && html.includes(name));
const size = initial.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
console.log(`initial JavaScript: ${(size / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`);
if (size > BUDGET) process.exit(1);
