// Drives the npm client odoo-await (XML-RPC) against a server; prints what it read as one JSON object.
// Usage: node odoo_await_check.js URL DB LOGIN PASSWORD
const Odoo = require('odoo-await');

async function main() {
  const [url, db, username, password] = process.argv.slice(2);
  const odoo = new Odoo({ baseUrl: url, db, username, password });
  const uid = await odoo.connect();
  const confirmed = await odoo.searchRead('sale.order', [['state', '=', 'sale']], ['name', 'amount_total'],
    { offset: 0, limit: 5, order: 'id asc', context: {} });
  const products = await odoo.searchRead('product.product', [['active', '=', false]], ['display_name'],
    { offset: 0, limit: 0, order: 'id asc', context: { active_test: false } });
  const partnerIds = await odoo.search('res.partner', { is_company: true });
  process.stdout.write(JSON.stringify({ uid, confirmed, archivedProducts: products, companyPartners: partnerIds.length }));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err));
  process.exit(1);
});
