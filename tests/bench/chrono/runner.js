#!/usr/bin/env node
// Benchmark runner for chrono-node, the date parser most users would pick
// instead of the docproc dates plugin. Not part of the product.
//
// usage: node runner.js INPUT.jsonl [OUTPUT.jsonl]
//
// Reads docproc JSON Lines input ({"id","text","meta":{"dct"}}), parses every
// document with chrono.parse(text, dct) and writes, per document, the
// expressions found as a docproc-style "dates" layer (byte offsets), so the
// output can be scored like the plugin's. The time spent parsing (not
// reading or writing) is reported on standard error.
'use strict';
const fs = require('fs');
const readline = require('readline');
const chrono = require('chrono-node');

function pad(n, w) { return String(n).padStart(w, '0'); }

function valueOf(result) {
  const s = result.start;
  if (!s.isCertain('year') && !s.isCertain('month') && !s.isCertain('day')) {
    if (s.isCertain('hour')) {
      const d = s.date();
      return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}T${pad(s.get('hour'), 2)}:${pad(s.get('minute') || 0, 2)}`;
    }
  }
  const y = pad(s.get('year'), 4), m = pad(s.get('month'), 2), d = pad(s.get('day'), 2);
  if (!s.isCertain('day') && !s.isCertain('weekday') && s.isCertain('month'))
    return `${y}-${m}`;
  if (!s.isCertain('day') && !s.isCertain('month') && s.isCertain('year'))
    return y;
  return `${y}-${m}-${d}`;
}

async function main() {
  const input = process.argv[2];
  if (!input) {
    process.stderr.write('usage: node runner.js INPUT.jsonl [OUTPUT.jsonl]\n');
    process.exit(1);
  }
  const out = process.argv[3] ? fs.createWriteStream(process.argv[3]) : null;
  const rl = readline.createInterface({ input: fs.createReadStream(input), crlfDelay: Infinity });
  let docs = 0, bytes = 0, found = 0;
  let parseNs = 0n;
  let parseCpuUs = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line);
    const text = doc.text || '';
    const dct = doc.meta && doc.meta.dct ? new Date(doc.meta.dct + 'T12:00:00Z') : undefined;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const results = chrono.parse(text, dct);
    parseNs += process.hrtime.bigint() - t0;
    const c1 = process.cpuUsage(c0);
    parseCpuUs += c1.user + c1.system;
    docs++;
    bytes += Buffer.byteLength(text, 'utf8');
    found += results.length;
    if (out) {
      const dates = results.map((r) => {
        const start = Buffer.byteLength(text.slice(0, r.index), 'utf8');
        const end = start + Buffer.byteLength(r.text, 'utf8');
        return { start, end, text: r.text, type: 'DATE', value: valueOf(r) };
      });
      out.write(JSON.stringify({ id: doc.id, status: 'ok', text, layers: { dates } }) + '\n');
    }
  }
  if (out) out.end();
  const secs = Number(parseNs) / 1e9;
  const cpu = parseCpuUs / 1e6;
  process.stderr.write(`chrono-node: ${docs} documents, ${bytes} bytes, ${found} expressions, ` +
    `parsing ${secs.toFixed(3)} s wall, ${cpu.toFixed(3)} s CPU, ` +
    `${(bytes / 1e6 / secs).toFixed(3)} MB/s\n`);
}

main().catch((e) => { process.stderr.write(String(e.stack || e) + '\n'); process.exit(1); });
