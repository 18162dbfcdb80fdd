#!/usr/bin/env python3
"""Records, from a real Odoo started by ../shared/odoo-server/start.sh, what the simulator answers for every
version beside a dataset: fields_get with every attribute (no 'attributes' argument) of the models it serves, and
the module list (ir.module.module). Read-only; writes src/main/resources/io/odoopulse/demo/simulator/meta/SERIE/.

    record-simulator-meta.py URL DB SERIE      e.g. http://127.0.0.1:18068 odoo16 16.0
"""
import gzip, json, os, sys, urllib.request

url, db, serie = sys.argv[1:4]
root = os.path.join(os.path.dirname(__file__), '..', '..', '..')
out = os.path.join(root, 'src/main/resources/io/odoopulse/demo/simulator/meta', serie)


def call(model, method, args, kwargs):
    body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"service": "object", "method": "execute_kw",
            "args": [db, 2, "admin", model, method, args, kwargs]}}
    req = urllib.request.Request(url + '/jsonrpc', json.dumps(body).encode(), {'Content-Type': 'application/json'})
    reply = json.loads(urllib.request.urlopen(req, timeout=120).read())
    if 'error' in reply:
        raise SystemExit('%s.%s: %s' % (model, method, reply['error']['data']['message']))
    return reply['result']


manifest = os.path.join(root, 'src/test/resources/odoo-contract', serie, 'dataset/manifest.json')
models = set(json.load(open(manifest))['models']) if os.path.exists(manifest) else set()
if os.path.isdir(out):
    models |= {f[:-len('.fields.json')] for f in os.listdir(out) if f.endswith('.fields.json')}
# stock.warehouse.orderpoint: served although no recorded dataset holds it (the reorder-point audit check).
models |= {'res.users', 'ir.module.module', 'stock.warehouse.orderpoint'}
os.makedirs(out, exist_ok=True)
fields = {m: call(m, 'fields_get', [], {}) for m in sorted(models)}
with gzip.open(os.path.join(out, 'fields_get.json.gz'), 'wt', encoding='utf-8') as f:
    json.dump(fields, f, sort_keys=True, ensure_ascii=False)

# Every module the server knows (installed or not), without the long texts and the links to other tables.
skip = {'description', 'menus_by_module', 'reports_by_module', 'views_by_module', 'dependencies_id',
        'exclusion_ids', 'image_ids', 'country_ids', 'contributors'}
wanted = [k for k, f in fields['ir.module.module'].items() if f.get('store') and k not in skip]
modules = call('ir.module.module', 'search_read', [[]], {'fields': wanted, 'order': 'id'})
with gzip.open(os.path.join(out, 'ir.module.module.jsonl.gz'), 'wt', encoding='utf-8') as f:
    for m in modules:
        f.write(json.dumps(m, sort_keys=True, ensure_ascii=False) + '\n')
print(serie, len(fields), 'models,', len(modules), 'modules ->', out)
