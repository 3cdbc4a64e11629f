#!/usr/bin/env python3
"""Writes N synthetic news-like JSON Lines documents (deterministic), for
the scale tests. Usage: gen-docs.py N > docs.jsonl"""
import json, random, sys

WORDS = ("the government said on Friday that talks with Iraq would resume "
         "next week after the U.S. delegation arrived in Baghdad where "
         "officials stressed that 2,500 troops remain Mr. Smith told "
         "reporters in January 2024 it was an important step").split()

def main():
    n = int(sys.argv[1])
    rnd = random.Random(42)
    for i in range(n):
        paras = []
        for _ in range(rnd.randint(1, 6)):
            sents = []
            for _ in range(rnd.randint(1, 5)):
                w = [rnd.choice(WORDS) for _ in range(rnd.randint(4, 25))]
                s = " ".join(w)
                if rnd.random() < 0.3:
                    s = '"' + s[0].upper() + s[1:] + '," he said'
                sents.append(s[0].upper() + s[1:] + ".")
            paras.append(" ".join(sents))
        doc = {"id": "doc-%05d" % i, "text": "\n".join(paras),
               "meta": {"dct": "2024-01-%02d" % (1 + i % 28), "n": i}}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")

main()
