#!/usr/bin/env python3
"""Make a benchmark corpus of N documents of about SIZE bytes of text each,
by concatenating the texts of a JSON Lines corpus (plain or .gz), keeping
the first source document's meta. Usage:
    make-corpus.py SOURCE.jsonl[.gz] N SIZE > out.jsonl
"""
import gzip, json, sys

def docs(path):
    op = gzip.open if path.endswith('.gz') else open
    while True:
        with op(path, 'rt', encoding='utf-8') as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)

def main():
    src, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    it = docs(src)
    out = sys.stdout
    for i in range(n):
        parts, total, meta = [], 0, None
        while total < size:
            d = next(it)
            meta = meta or d.get('meta', {})
            parts.append(d['text'])
            total += len(d['text'].encode('utf-8')) + 2
        text = '\n\n'.join(parts)
        out.write(json.dumps({'id': 'bench-%06d' % i, 'text': text,
                              'meta': meta}, ensure_ascii=False) + '\n')

main()
