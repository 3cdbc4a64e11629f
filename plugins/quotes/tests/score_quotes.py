#!/usr/bin/env python3
"""Score the quotes layer of docproc output against hand-annotated gold.

    score_quotes.py GOLD.jsonl PRED.jsonl [--quoted-only] [--scare]
                    [--check F1,INDIRECT_RECALL,SPEAKER] [--json]

GOLD.jsonl: one document a line, {"id", "text", "gold": [{"start", "end",
"kind", "text", "speaker", "aliases", "cue"}]}; start/end are UTF-8 byte
offsets of the quoted content (without quote marks).

PRED.jsonl: docproc JSON Lines output ({"id", "layers": {"quotes": [...]}}).

Matching: a predicted quote's content is its span with quote marks and
spaces trimmed at both ends; it matches a gold quote when the two byte
ranges overlap with intersection over union >= 0.5 (one to one, best
first). "all" matches regardless of kind; each kind's row matches only
quotes of that kind. Kind `scare` counts only with --scare. With
--quoted-only, only direct and partial quotes count and their kinds are
merged (the toolkit-style cases).

Speaker accuracy, over matched pairs (all kinds): "entity" when the
predicted speaker equals the gold speaker or one of its aliases (the same
person or organisation named another way), "fullest" when it equals the
gold speaker, the fullest mention. An unknown speaker (null) is right only
when the gold speaker is null or null is among the aliases.

--check F1,IR,SP exits 1 unless all-kinds F1 >= F1, indirect recall >= IR
and entity speaker accuracy >= SP.
"""
import json
import re
import sys

MARKS = set('"\'“”‘’«»„‚‹›`「」『』 \t\n')
KINDS = ('direct', 'partial', 'indirect', 'scare')


def norm(s):
    if s is None:
        return None
    s = s.replace('’', "'").lower().strip()
    s = re.sub(r"'s$", '', s)
    s = s.replace('.', '')
    s = re.sub(r'^(the|a|an) ', '', s)
    return re.sub(r'\s+', ' ', s).strip()


def trim(text_bytes, start, end):
    """Content range of a predicted span: quote marks and spaces off."""
    s = text_bytes[start:end].decode('utf-8', 'replace')
    lead = len(s) - len(s.lstrip(''.join(MARKS)))
    tail = len(s) - len(s.rstrip(''.join(MARKS)))
    a = start + len(s[:lead].encode())
    b = end - len(s[len(s) - tail:].encode()) if tail else end
    return a, max(a, b)


def iou(a, b):
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match(golds, preds):
    pairs = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            v = iou((g['start'], g['end']), p['range'])
            if v >= 0.5:
                pairs.append((v, i, j))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for v, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def prf(tp, ng, np_):
    p = tp / np_ if np_ else (1.0 if ng == 0 else 0.0)
    r = tp / ng if ng else (1.0 if np_ == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def speaker_ok(g, p):
    ps = norm(p.get('speaker'))
    names = [norm(g.get('speaker'))] + [norm(a) for a in g.get('aliases', [])]
    if ps is None:
        return g.get('speaker') is None, g.get('speaker') is None
    return ps in names, ps == names[0]


def score(gold_docs, pred_docs, quoted_only=False, scare=False):
    kinds = ['direct', 'partial'] if quoted_only else \
        ['direct', 'partial', 'indirect'] + (['scare'] if scare else [])
    counts = {k: [0, 0, 0] for k in kinds + ['all']}
    sp_n = sp_entity = sp_full = 0
    errors = []
    for doc in gold_docs:
        pred = pred_docs.get(doc['id'], {})
        tb = doc['text'].encode('utf-8')
        golds = [g for g in doc['gold'] if g['kind'] in kinds]
        preds = []
        for p in (pred.get('layers', {}).get('quotes') or []):
            if p.get('kind') not in kinds:
                continue
            p = dict(p)
            p['range'] = trim(tb, p['start'], p['end'])
            preds.append(p)
        if quoted_only:
            for x in golds + preds:
                x['kind'] = 'quoted'
        pairs = match(golds, preds)
        counts['all'][0] += len(pairs)
        counts['all'][1] += len(golds)
        counts['all'][2] += len(preds)
        for i, j in pairs:
            ok, full = speaker_ok(golds[i], preds[j])
            sp_n += 1
            sp_entity += ok
            sp_full += full
            if not ok:
                errors.append('%s: speaker %r, gold %r: %s' % (
                    doc['id'], preds[j].get('speaker'),
                    golds[i].get('speaker'), golds[i]['text'][:60]))
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, g in enumerate(golds):
            if i not in matched_g:
                errors.append('%s: missed %s: %s' % (doc['id'], g['kind'],
                                                     g['text'][:70]))
        for j, p in enumerate(preds):
            if j not in matched_p:
                errors.append('%s: extra %s: %s' % (
                    doc['id'], p['kind'],
                    tb[p['range'][0]:p['range'][1]].decode()[:70]))
        for k in kinds if not quoted_only else []:
            gk = [g for g in golds if g['kind'] == k]
            pk = [p for p in preds if p['kind'] == k]
            counts[k][0] += len(match(gk, pk))
            counts[k][1] += len(gk)
            counts[k][2] += len(pk)
    res = {}
    for k, (tp, ng, np_) in counts.items():
        if quoted_only and k != 'all':
            continue
        p, r, f = prf(tp, ng, np_)
        res[k] = {'tp': tp, 'gold': ng, 'pred': np_, 'precision': p,
                  'recall': r, 'f1': f}
    res['speaker'] = {'matched': sp_n,
                      'entity': sp_entity / sp_n if sp_n else 0.0,
                      'fullest': sp_full / sp_n if sp_n else 0.0}
    return res, errors


def load(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv):
    args = [a for a in argv[1:] if not a.startswith('--')]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    check = None
    for i, a in enumerate(argv):
        if a == '--check' and i + 1 < len(argv):
            check = [float(x) for x in argv[i + 1].split(',')]
            args = [x for x in args if x != argv[i + 1]]
    gold = load(args[0])
    pred = {d['id']: d for d in load(args[1])}
    res, errors = score(gold, pred, '--quoted-only' in argv, '--scare' in argv)
    if '--json' in argv:
        print(json.dumps(res, indent=1))
    else:
        print('%-9s %5s %5s %5s  %6s %6s %6s' % ('kind', 'tp', 'gold', 'pred',
                                                'P', 'R', 'F1'))
        for k, v in res.items():
            if k == 'speaker':
                continue
            print('%-9s %5d %5d %5d  %6.3f %6.3f %6.3f' % (
                k, v['tp'], v['gold'], v['pred'], v['precision'],
                v['recall'], v['f1']))
        s = res['speaker']
        print('speaker   %d matched: entity %.3f, fullest mention %.3f' % (
            s['matched'], s['entity'], s['fullest']))
        if '--errors' in argv:
            print('\n'.join(errors))
    if check:
        ir = res.get('indirect', {'recall': 1.0})['recall']
        if (res['all']['f1'] < check[0] or ir < check[1] or
                res['speaker']['entity'] < check[2]):
            print('below goals', check, file=sys.stderr)
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
