#!/usr/bin/env python3
"""Generates lexicon_table.h: the quotes plugin's word classes and cues.

    python3 gen_lexicon.py [lexicon_table.h]

Edit the lists below (class bits and cue types are those of qx_int.h),
then regenerate. Words are lowercase; verb forms are listed one by one
(no stemming). The table is sorted; a hash table (lex_slot() of qx_int.h,
linear probing) finds a word in it.
"""
import collections
import sys
E = collections.defaultdict(lambda: [set(), None])
def add(cls, words):
    for w in words.split():
        E[w][0].add(cls)
def cue(kind, words, cls=None):
    for w in words.split():
        if E[w][1] not in (None, kind): raise SystemExit("dup cue "+w)
        E[w][1] = kind
        if cls: E[w][0].add(cls)

add('L_ROLE', """spokesman spokeswoman spokesperson spokespeople official officials minister ministers president
 secretary secretary-general reporter reporters correspondent source sources chairman chairwoman director governor mayor
 general commander ambassador diplomat diplomats analyst analysts expert experts leader leaders head chief envoy
 representative representatives senator lawmaker lawmakers deputy prosecutor doctor presenter striker coach player
 premier chancellor king queen prince adviser advisor advisers advisors aide aides officer officers colonel major
 lieutenant captain sergeant admiral marshal lawyer attorney judge witness witnesses resident residents activist
 activists economist economists scientist scientists researcher researchers professor author journalist journalists
 manager executive ceo founder candidate candidates member members mp mps negotiator negotiators delegate
 delegates cleric mufti speaker host anchor editor critic critics observer observers insider insiders person
 people man woman boy girl mother father driver guard spokespersons governor-general vice-president mr mrs ms dr
 prof sen gov rep gen lt col sgt actor actress actors singer star player players athlete footballer
 model designer musician artist writer producer chef teacher teachers student students patient patients
 victim victims fan fans owner farmer worker workers nurse nurses husband wife son daughter brother sister
 friend neighbour neighbor colleague partner citizen citizens voter voters protester protesters doctors
 scientist physician surgeon pilot soldier soldiers commentator blogger businessman businesswoman
 entrepreneur investor investors banker bankers trader traders""")
add('L_ORG', """ministry government department office parliament committee agency council army military police
 report statement news newspaper agency outlet white house kremlin pentagon administration cabinet court
 embassy company firm union party coalition organization organisation authority authorities command forces
 service services bank commission board group alliance movement media channel television radio network
 website institute university team club federation association
 reuters cnn rt afp xinhua tass bbc interfax ria novosti kommersant bloomberg nbc cbs ap pentagon""")
add('L_SPEECH', "statement statements remarks remark announcement comments comment words speech message letter interview report")
add('L_MOD', """acting former foreign top senior assistant vice deputy prime chief defense defence security
 interior justice finance state affairs national international local regional federal military iraqi
 american british russian chinese iranian israeli us u.s. un tv press public regional central supreme
 high joint first second""")
add('L_CONN', "of for and al al- bin ibn de del da van von der la le du el")
add('L_DET', "the a an this that these those its their his her our my your")
add('L_PRON', "he she they it him them who")
add('L_ADV', """also further has have had once again later earlier previously then recently repeatedly publicly
 clearly officially strongly would will had reportedly separately already even still firmly openly
 explicitly specifically directly immediately quickly yet only just too all both""")
add('L_STOP', """in on at after before during however meanwhile but and also earlier later speaking according
 when while since as under for with by from to if although besides thus therefore recall moreover so yet
 then now today yesterday it there this that these those what why how where who which we i you our my
 your his her their its they he she an a the not no yes of despite faced amid following""")
add('L_PREP', """in on at to during after before with from via by for about over into through without until
 amid last this earlier late later""")
add('L_NAMETRIG', """named called dubbed titled entitled so-called article book film movie song album newspaper magazine
 program programme show channel operation club team company party movement group organization
 organisation slogan hashtag brand project campaign station festival""")
add('L_TIME', """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
 august september october november december yesterday today tonight week month year morning evening night
 earlier later""")
add('L_PLACE', """us u.s. usa america united states iraq iran russia china israel ukraine washington baghdad tehran moscow
 beijing kiev kyiv london paris berlin syria turkey france britain germany japan india pakistan egypt
 lebanon gaza europe nato eu un""")
add('L_CLAUSE', """and but or which that because while whereas although though so""")

cue('CUE_SAYZ', "say says said saying")
cue('CUE_TELL', "tell tells told telling")
cue('CUE_SAY', """stated stating stresses stressed stressing emphasize emphasizes emphasized emphasizing emphasise
 emphasises emphasised emphasising notes noted noting argue argues argued arguing warn warns warned warning
 explain explains explained explaining announce announces announced announcing acknowledge acknowledges
 acknowledged acknowledging affirm affirms affirmed affirming declare declares declared declaring insist
 insists insisted insisting claims claimed claiming confirm confirms confirmed confirming reveal reveals
 revealed revealing asserted asserts asserting pointed admitted admits admitting denied denies denying
 suggested suggests indicated indicates reiterated reiterates reiterating underlined underlines underscored
 underscores highlighted highlights mentioned mentions assured assures informed informs clarified clarifies
 remarked remarks commented comments observed concluded complained complains proposed recalled recalls wrote
 writes tweeted tweets replied replies answered answers responded responds added adds adding continued
 predicted predicts estimated estimates reported reports announces agreed maintained maintains alleged alleges
 contended contends conceded concedes emphasising acknowledges specified specifies shouted shouts
 yelled yells cried whispered whispers exclaimed muttered screamed murmured sighed snapped quipped joked
 laughed boasted bragged testified retorted countered objected protested demanded demands reminded reminds believes thinks
 hoped hopes expects expected feared fears""")
cue('CUE_OBJTO', """urge urges urged urging asks asked ordered instructed instructs encouraged encourages
 appealed requested advised advises""")
cue('CUE_SELFTO', """promise promises promised promising vow vows vowed vowing pledge pledges pledged pledging threatened
 threatens threatening""")
cue('CUE_WEAK', """call calls called calling describe describes described describing consider considers considered
 considering term terms termed label labels labelled labeled brand branded praised praises criticized
 criticised criticizes slammed slams condemned condemns accused accuses welcomed welcomes spoke speaks sees saw""")
cue('CUE_ACCORDING', "according")
cue('CUE_QUOTED', "quoted quotes quoting")


# ---- output ---------------------------------------------------------------
SLOTS = 4096
M32 = 0xffffffff


M64 = 0xffffffffffffffff


def lex_key(b):
    """lex_key() of qx_int.h: the first eight bytes, little-endian."""
    return int.from_bytes(b[:8].ljust(8, b'\0'), 'little')


def lex_slot(b):
    """lex_slot() of qx_int.h: key, length and last byte, multiplied."""
    n = len(b)
    h = lex_key(b) ^ (n << 56)
    if n > 8:
        h ^= b[-1] << 48
    h = (h * 0x9E3779B97F4A7C15) & M64
    return h >> (64 - 12)


def main():
    keys = sorted(E, key=lambda s: s.encode())
    assert all(len(k.encode()) <= 17 for k in keys), 'LEX_MAX_LEN is 17'
    assert all('a' <= k[0] <= 'z' for k in keys), \
        'classify_word() of lexer.c looks up only words starting with a letter'
    slots = [0xffff] * SLOTS
    for i, k in enumerate(keys):
        j = lex_slot(k.encode())
        while slots[j] != 0xffff:
            j = (j + 1) & (SLOTS - 1)
        slots[j] = i
    out = ['/* lexicon_table.h - generated by gen_lexicon.py; do not edit. */',
           '/* clang-format off */',
           'static const struct lex_entry lexicon[] = {']
    for w in keys:
        cls, c = E[w]
        cs = '|'.join(sorted(cls)) if cls else '0'
        out.append('\t{0x%016xull, "%s", %d, %s, %s},' % (
            lex_key(w.encode()), w, len(w.encode()), cs, c or 'CUE_NONE'))
    out.append('};')
    out.append('')
    out.append('#define LEX_SLOTS %d' % SLOTS)
    out.append('static const uint16_t slots[LEX_SLOTS] = {')
    for r in range(0, SLOTS, 12):
        out.append('\t' + ', '.join(str(x) for x in slots[r:r + 12]) + ',')
    out.append('};')
    # cue_maybe()'s table (qx_int.h): bit n of [(c0 & 31) * 32 + (cn & 31)]
    # is set when a cue word of n bytes starts with c0 and ends with cn
    first2 = [0] * (32 * 32)
    for k in keys:
        if not E[k][1]:
            continue
        b = k.encode()
        first2[(b[0] & 31) * 32 + (b[-1] & 31)] |= 1 << len(b)
    out.append('')
    out.append('const uint32_t qx_cue_ends[32 * 32] = {')
    for r in range(0, len(first2), 8):
        out.append('\t' + ', '.join('0x%05x' % x for x in first2[r:r + 8])
                   + ',')
    out.append('};')
    path = sys.argv[1] if len(sys.argv) > 1 else 'lexicon_table.h'
    with open(path, 'w') as f:
        f.write('\n'.join(out) + '\n')
    print('%s: %d words' % (path, len(keys)))


if __name__ == '__main__':
    main()
