#!/usr/bin/python3
"""What a merchant would write instead of the connector: pull every sale order with odoorpc (Debian's
python3-odoorpc) and compute revenue, orders and AOV for the last 7, 30 and 90 days.

Usage: merchant_kpis.py URL DATABASE LOGIN PASSWORD AS_OF
AS_OF (ISO, e.g. 2026-11-22T00:00:00Z) fixes "today" so the windows equal the connector's: whole UTC days
[midnight(today - N), midnight(today)), confirmed orders (state sale or done), per order currency, every company
the user may see. Prints JSON {window: {currency: {revenue, orders, aov}}} on stdout.
"""
import json
import sys
from datetime import datetime, timedelta
from decimal import Decimal, ROUND_HALF_UP
from urllib.parse import urlparse

import odoorpc

url, database, login, password, as_of = sys.argv[1:6]
where = urlparse(url)
odoo = odoorpc.ODOO(where.hostname, port=where.port or 80, timeout=600)
odoo.login(database, login, password)
companies = odoo.env.user.company_ids.ids
orders = odoo.execute_kw('sale.order', 'search_read', [[]], {
    'fields': ['date_order', 'state', 'amount_total', 'currency_id'],
    'context': {'allowed_company_ids': companies}})

today = datetime.strptime(as_of[:10], '%Y-%m-%d')
figures = {}
for days in (7, 30, 90):
    start, end = today - timedelta(days=days), today
    per_currency = {}
    for order in orders:
        if order['state'] not in ('sale', 'done'):
            continue
        placed = datetime.strptime(order['date_order'], '%Y-%m-%d %H:%M:%S')  # UTC in the API
        if start <= placed < end:
            currency = order['currency_id'][1]
            sums = per_currency.setdefault(currency, [Decimal(0), 0])
            sums[0] += Decimal(str(order['amount_total']))
            sums[1] += 1
    cent = Decimal('0.01')
    figures['%dD' % days] = {
        currency: {'revenue': str(revenue.quantize(cent, ROUND_HALF_UP)), 'orders': count,
                   'aov': str((revenue / count).quantize(cent, ROUND_HALF_UP))}
        for currency, (revenue, count) in sorted(per_currency.items())}
print(json.dumps({'orders read': len(orders), 'windows': figures}))
