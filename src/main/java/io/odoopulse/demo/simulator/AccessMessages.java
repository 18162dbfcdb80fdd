package io.odoopulse.demo.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** ACL wording per version for the models a plain internal user (no Sales/Invoicing rights) cannot read. */
final class AccessMessages {

    static final Set<String> NO_SALES_DENIED = Set.of("sale.order", "sale.order.line", "account.move",
            "account.move.line", "account.payment", "pos.order", "stock.move", "stock.quant");

    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("sale.order", "Sales Order"),
            Map.entry("sale.order.line", "Sales Order Line"),
            Map.entry("account.move", "Journal Entry"),
            Map.entry("account.move.line", "Journal Item"),
            Map.entry("account.payment", "Payments"),
            Map.entry("pos.order", "Point of Sale Orders"),
            Map.entry("stock.move", "Stock Move"),
            Map.entry("stock.quant", "Quants"),
            Map.entry("res.partner", "Contact"),
            Map.entry("product.product", "Product Variant"),
            Map.entry("product.template", "Product"),
            Map.entry("res.company", "Companies"),
            Map.entry("res.currency", "Currency"));

    private AccessMessages() {}

    static String description(String model) {
        return DESCRIPTIONS.getOrDefault(model, model);
    }

    static List<String> groups(OdooFlavour f, String model) {
        boolean accounting = model.startsWith("account.");
        return switch (f) {
            case V16, V17 -> accounting
                    ? List.of("Invoicing/Billing", "Invoicing/Billing Administrator", "Point of Sale/User",
                    "Sales/User: Own Documents Only", "Technical/Show Accounting Features - Readonly", "User types/Portal")
                    : List.of("Inventory/User", "Invoicing/Billing", "Sales/Administrator", "Sales/User: Own Documents Only",
                    "Technical/Show Accounting Features - Readonly", "Technical/Show Full Accounting Features",
                    "User types/Portal");
            case V18 -> accounting
                    ? List.of("Invoicing/Administrator", "Invoicing/Invoicing", "Point of Sale/User",
                    "Sales/User: Own Documents Only", "Technical/Show Accounting Features - Readonly", "User types/Portal")
                    : List.of("Inventory/User", "Invoicing/Invoicing", "Sales/Administrator", "Sales/User: Own Documents Only",
                    "Technical/Show Accounting Features - Readonly", "Technical/Show Full Accounting Features",
                    "User types/Portal");
            case V19 -> accounting
                    ? List.of("Accounting/Administrator", "Accounting/Invoicing", "Point of Sale/User",
                    "Sales/User: Own Documents Only", "Role / Portal", "Show Accounting Features - Readonly")
                    : List.of("Accounting/Invoicing", "Inventory/User", "Sales/Administrator", "Sales/User: Own Documents Only",
                    "Role / Portal", "Show Accounting Features - Readonly", "Show Full Accounting Features");
        };
    }

    static String message(OdooFlavour f, String model, String operation) {
        String verb = switch (operation) {
            case "write" -> "modify";
            case "create" -> "create";
            case "unlink" -> "delete";
            default -> "access";
        };
        StringBuilder sb = new StringBuilder("You are not allowed to ").append(verb).append(" '")
                .append(description(model)).append("' (").append(model).append(") records.\n\n")
                .append("This operation is allowed for the following groups:\n");
        for (String g : groups(f, model)) sb.append("\t- ").append(g).append('\n');
        return sb.append("\nContact your administrator to request access if necessary.").toString();
    }
}
