#!/usr/bin/env python3
"""Derive the fake Odoo's field definitions and the `transcripts` seed from the recorded transcripts.

Run from the repo root: python3 crates/fakes/src/odoo/data/generate.py ../shared/reference/odoo/transcripts
Writes fields.json and seed_transcripts.json next to this script. Both are committed; the fake never
reads shared/ at run time.
"""
import json, os, sys
from collections import OrderedDict

src = sys.argv[1]
out = os.path.dirname(os.path.abspath(__file__))
files = sorted([f for f in os.listdir(src) if f.endswith('.json') and f[0].isdigit()], key=lambda f: int(f.split('_')[0]))

fields = {}        # (db, model) -> OrderedDict field -> attrs
records = {}       # (db, model) -> {id: OrderedDict}
created = {}       # (db, model) -> set(ids) created by the transcripts themselves

RELATIONS = {
    ('res.users', 'partner_id'): 'res.partner', ('res.users', 'company_id'): 'res.company',
    ('res.users', 'groups_id'): 'res.groups',
    ('res.country.state', 'country_id'): 'res.country',
    ('mail.message', 'subtype_id'): 'mail.message.subtype', ('mail.message', 'author_id'): 'res.partner',
    ('mail.message', 'attachment_ids'): 'ir.attachment', ('mail.message', 'partner_ids'): 'res.partner',
    ('mail.message', 'create_uid'): 'res.users', ('mail.message', 'notification_ids'): 'mail.notification',
    ('mail.message', 'tracking_value_ids'): 'mail.tracking.value',
    ('mail.notification', 'mail_message_id'): 'mail.message', ('mail.notification', 'res_partner_id'): 'res.partner',
    ('crm.lead', 'partner_id'): 'res.partner', ('crm.lead', 'user_id'): 'res.users', ('crm.lead', 'stage_id'): 'crm.stage',
}

def infer(v):
    if isinstance(v, bool): return 'boolean'
    if isinstance(v, int): return 'integer'
    if isinstance(v, float): return 'float'
    if isinstance(v, str):
        if len(v) == 19 and v[4] == '-' and v[10] == ' ': return 'datetime'
        return 'char'
    if isinstance(v, list):
        if len(v) == 2 and isinstance(v[0], int) and isinstance(v[1], str): return 'many2one'
        return 'many2many'
    return None

for f in files:
    d = json.load(open(os.path.join(src, f)))
    rq = d.get('request')
    if not rq or '/jsonrpc' not in rq.get('url', ''): continue
    p = rq['json']['params']
    if p.get('service') != 'object' or len(p.get('args', [])) < 6: continue
    db, uid, _pw, model, method = p['args'][:5]
    margs = p['args'][5]
    kw = p['args'][6] if len(p['args']) > 6 else {}
    resp = d['response']['json']
    if 'error' in resp: continue
    res = resp.get('result')
    key = (db, model)
    if method == 'fields_get':
        fd = fields.setdefault(key, OrderedDict())
        for name, attrs in res.items():
            fd.setdefault(name, OrderedDict()).update(attrs)
    elif method == 'create':
        ids = res if isinstance(res, list) else [res]
        created.setdefault(key, set()).update(ids)
    elif method in ('read', 'search_read') and isinstance(res, list):
        for row in res:
            rec = records.setdefault(key, {}).setdefault(row['id'], OrderedDict())
            for k, v in row.items():
                if k not in rec: rec[k] = v
    elif method == 'name_search':
        for rid, name in res:
            records.setdefault(key, {}).setdefault(rid, OrderedDict()).setdefault('display_name', name)

# Records the transcripts create as side effects (partners of new users, follower rows, messages,
# attendees, notifications) are not part of the seed: the replay makes them.
FIRST_CREATED = {'res.partner': 41, 'res.users': 8, 'mail.message': 108, 'mail.followers': 49,
                 'calendar.event': 8, 'calendar.attendee': 15, 'ir.attachment': 200,
                 'mail.notification': 0, 'mail.mail': 0, 'ir.model.data': 13140}

seed = OrderedDict()
for (db, model), recs in sorted(records.items()):
    lim = FIRST_CREATED.get(model)
    if db == 'o365_ms' and model == 'calendar.event': lim = 1
    keep = OrderedDict()
    for rid in sorted(recs):
        if lim is not None and rid >= lim: continue
        if rid in created.get((db, model), set()): continue
        keep[rid] = recs[rid]
    if keep:
        seed.setdefault(db, OrderedDict())[model] = [dict(id=k, **{a: b for a, b in v.items() if a != 'id'}) for k, v in keep.items()]

# Field definitions for models no fields_get covered: infer from the values the transcripts read.
has_fields_get = set(fields.keys())
for (db, model), recs in records.items():
    if (db, model) in has_fields_get: continue
    fd = fields.setdefault((db, model), OrderedDict())
    for row in recs.values():
        for k, v in row.items():
            if k in fd or k == 'id': continue
            t = infer(v)
            if t is None: continue
            a = OrderedDict(string=k.replace('_', ' ').title(), type=t)
            rel = RELATIONS.get((model, k))
            if rel:
                a['relation'] = rel
                if t == 'many2many' and k.endswith('_ids') is False: pass
            if t in ('many2one', 'many2many') and 'relation' not in a:
                continue
            fd[k] = a

out_fields = OrderedDict()
for (db, model), fd in sorted(fields.items()):
    out_fields.setdefault(db, OrderedDict())[model] = fd
json.dump(out_fields, open(os.path.join(out, 'fields_observed.json'), 'w'), indent=1, ensure_ascii=False)
json.dump(seed, open(os.path.join(out, 'seed_transcripts.json'), 'w'), indent=1, ensure_ascii=False)
