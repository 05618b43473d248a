#!/usr/bin/env python3
# Writes tests/hostile/dossier-*.json from the worked-example dossier: each an
# edit of it, resealed where the case needs a sound chain. json.dumps with
# sorted keys and no spaces is RFC 8785 for this data (strings, integers,
# booleans; keys without surrogates), and the script first checks that it
# gives the worked example's own hashes. Run from the repository root
# after the worked example changes: python3 scripts/hostile-dossiers.py
import json, hashlib, copy
base=json.load(open('tests/dossiers/daklak-01-worked-example.dossier.json'))
def jcs(v): return json.dumps(v, sort_keys=True, separators=(',',':'), ensure_ascii=False)
def seal(prev, st):
    s={k:v for k,v in st.items() if k!='hash'}
    return hashlib.sha256((prev+jcs(s)).encode()).hexdigest()
def reseal(d, frm=0):
    for i in range(frm, len(d['stages'])):
        prev = d['ruleset']['sha256'] if i==0 else d['stages'][i-1]['hash']
        d['stages'][i]['hash']=seal(prev, d['stages'][i])
    return d
# check python agrees with Rust
chk=reseal(copy.deepcopy(base))
assert [s['hash'] for s in chk['stages']]==[s['hash'] for s in base['stages']], 'hash differs'
out={}
d=copy.deepcopy(base); d['stages'][1],d['stages'][2]=d['stages'][2],d['stages'][1]; out['stages-out-of-order']=reseal(d)
d=copy.deepcopy(base); d['stages'][3]['stage']='tham_dinh_3'; out['unknown-stage']=d
d=copy.deepcopy(base); d['stages'][2]['entries']['2']['value']='35'; out['response-changes-score']=reseal(d,2)
d=copy.deepcopy(base); d['stages'][1]['entries']['2']['reason']=''; out['reason-missing']=reseal(d,1)
d=copy.deepcopy(base); d['stages'][1]['entries']['2']['value']='31,5'; d['stages'][1]['entries']['2']['points']='31.5'; reseal(d,1); d['stages'][2]['hash']=base['stages'][2]['hash']; d['stages'][3]['hash']=base['stages'][3]['hash']; out['edited-after-next']=d
d=copy.deepcopy(base); d['ruleset']['id']='daklak-2025-chi-so-02'; d['ruleset']['sha256']='0'*64; out['other-ruleset']=reseal(d)
d=copy.deepcopy(base); d['stages'][0]['entries']['1']['diem']='45'; out['unknown-field']=d
h='<img src=x onerror=alert(1)><script>alert("x")</script>&amp;"\''
d=copy.deepcopy(base)
d['stages'][0]['agency']['name']=h; d['stages'][0]['agency']['preparer']=h
for st in d['stages']:
    st['by']={'unit':h,'person':h}
d['stages'][1]['entries']['2']['reason']=h
d['stages'][2]['entries']['2']['explanation']=h
d['stages'][2]['entries']['2']['evidence'][0]['summary']=h
out['html-everywhere']=reseal(d)
for k,v in out.items():
    open(f'tests/hostile/dossier-{k}.json','w').write(json.dumps(v,ensure_ascii=False,indent=2)+'\n')
print('ok', list(out))
