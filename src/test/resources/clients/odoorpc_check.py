"""Drives Debian's python3-odoorpc against a server; prints what it read as one JSON object.

Usage: odoorpc_check.py HOST PORT DB LOGIN PASSWORD
"""
import json
import sys

import odoorpc

host, port, db, login, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
odoo = odoorpc.ODOO(host, protocol='jsonrpc', port=port)
odoo.login(db, login, password)
orders = odoo.env['sale.order']
out = {
    'uid': odoo.env.uid,
    'version': odoo.version,
    'confirmed': orders.search_read([('state', '=', 'sale')], ['name', 'amount_total'], order='id asc', limit=5),
    'count': orders.search_count([]),
    'by_state': orders.read_group([], ['amount_total:sum'], ['state'], orderby='state'),
}
print(json.dumps(out))
